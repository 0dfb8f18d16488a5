package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.model.WhoisFacts;
import dev.dingbot.core.port.DomainLookup;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.core.port.PublicLinks;
import dev.dingbot.core.settings.ReplySettings;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The commands recognised by their start (spec §3.1): {@code #图片}, {@code #查对话}, {@code #域名}, {@code #证书}.
 * Malformed ones get their usage instead of the original's crash.
 */
final class PrefixCommands {

    private static final String IMAGE = "#图片";
    private static final String HISTORY = "#查对话";
    private static final String DOMAIN = "#域名";
    private static final String CERTIFICATE = "#证书";
    private static final DateTimeFormatter CERT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ImageModel images;
    private final DomainLookup domains;
    private final PublicLinks links;
    private final HistoryLog history;
    private final ReplySettings replies;

    PrefixCommands(ImageModel images, DomainLookup domains, PublicLinks links, HistoryLog history,
                   ReplySettings replies) {
        this.images = images;
        this.domains = domains;
        this.links = links;
        this.history = history;
        this.replies = replies;
    }

    /** Whether {@code text} is one of these commands; {@code asksAModel} tells whether it needs a ticket. */
    static boolean recognises(String text) {
        return text.startsWith(IMAGE) || text.startsWith(HISTORY) || text.startsWith(DOMAIN)
                || text.startsWith(CERTIFICATE);
    }

    /** Whether the command would go to the image model: a {@code #图片} with a prompt, images enabled. */
    boolean asksAModel(String text) {
        return text.startsWith(IMAGE) && replies.imagesEnabled() && !argument(text, IMAGE).isEmpty();
    }

    /**
     * Handles the message if its text starts with a command; false otherwise. {@code admitted} is asked before the
     * image model is called, whether the rate and the quota let it through; when not, the sender was already told.
     */
    boolean handle(MessageContext context, BooleanSupplier admitted) {
        String text = context.text();
        if (text.startsWith(IMAGE)) {
            generateImage(argument(text, IMAGE), context, admitted);
        } else if (text.startsWith(HISTORY)) {
            exportHistory(argument(text, HISTORY), context);
        } else if (text.startsWith(DOMAIN)) {
            lookup(text, firstWord(argument(text, DOMAIN)), ReplyTexts.DOMAIN_USAGE, context, this::whoisReply);
        } else if (text.startsWith(CERTIFICATE)) {
            lookup(text, firstWord(argument(text, CERTIFICATE)), ReplyTexts.CERT_USAGE, context,
                    this::certificateReply);
        } else {
            return false;
        }
        return true;
    }

    private void generateImage(String prompt, MessageContext context, BooleanSupplier admitted) {
        IncomingMessage message = context.message();
        Responder responder = context.responder();
        if (!replies.imagesEnabled()) {
            responder.markdown(ReplyTexts.IMAGES_DISABLED);
            return;
        }
        if (prompt.isEmpty()) {
            responder.markdown(ReplyTexts.IMAGE_HELP);
            return;
        }
        if (!admitted.getAsBoolean()) return;
        long questionId = history.question(message, context.text(), 0);
        ImageResult result = images.generate(prompt, message.sender().identifier());
        if (result instanceof ImageResult.Failed failed) {
            responder.text(ReplyTexts.IMAGE_ERROR_PREFIX + ModelErrors.describe(failed.status(), failed.message(),
                    context.admin()));
            return;
        }
        context.modelAnswered();
        Image image = ((ImageResult.Generated) result).image();
        Optional<String> ref = responder.channel().uploadImage(image).or(() -> links.publishImage(image));
        if (ref.isEmpty()) {
            responder.text(ReplyTexts.IMAGE_ERROR_PREFIX + "图片已生成，但无法上传到钉钉，也没有配置 service_url 来提供图片链接");
            return;
        }
        String reply = ReplyTexts.IMAGE_REPLY_PREFIX + ref.get() + ")";
        history.answer(message, reply, questionId);
        responder.markdown(reply);
    }

    /** {@code #查对话 username:<name>}: the name is what stands between the first and second colon. */
    private void exportHistory(String argument, MessageContext context) {
        IncomingMessage message = context.message();
        Responder responder = context.responder();
        if (!context.admin()) {
            responder.markdown(ReplyTexts.HISTORY_DENIED);
            return;
        }
        String normalized = argument.replace('：', ':');
        int colon = normalized.indexOf(':');
        String name = colon < 0 ? "" : normalized.substring(colon + 1).split(":", -1)[0].trim();
        if (name.isEmpty()) {
            responder.markdown(ReplyTexts.HISTORY_USAGE);
            return;
        }
        String markdown = history.render(name);
        if (markdown.isEmpty()) {
            responder.text(ReplyTexts.HISTORY_UNKNOWN_USER);
            return;
        }
        Optional<HistoryLinks> published = links.publishHistory(name, markdown);
        if (published.isEmpty()) {
            responder.text(ReplyTexts.HISTORY_NO_LINK);
            return;
        }
        String reply = ReplyTexts.historyLinks(published.get().viewUrl(), published.get().downloadUrl());
        if (!message.inGroup()) {
            responder.markdown(reply);
            return;
        }
        // the links open someone's whole conversation: they go to the admin alone, never to the group
        boolean sent = responder.channel().sendPrivately(OutgoingMessage.markdown(reply, List.of()));
        responder.text(sent ? ReplyTexts.HISTORY_SENT_PRIVATELY : ReplyTexts.HISTORY_ASK_PRIVATELY);
    }

    private void lookup(String text, String domain, String usage, MessageContext context, DomainQuery query) {
        IncomingMessage message = context.message();
        Responder responder = context.responder();
        if (domain.isEmpty()) {
            responder.markdown(usage);
            return;
        }
        long questionId = history.question(message, text, 0);
        try {
            String reply = query.reply(domain);
            history.answer(message, reply, questionId);
            responder.markdown(reply);
        } catch (DomainLookup.LookupFailedException e) {
            responder.text(ReplyTexts.LOOKUP_FAILED_PREFIX + e.getMessage());
        }
    }

    private String whoisReply(String domain) throws DomainLookup.LookupFailedException {
        WhoisFacts facts = domains.whois(domain);
        return ReplyTexts.whois(facts.created(), facts.expires(), facts.registrar());
    }

    private String certificateReply(String domain) throws DomainLookup.LookupFailedException {
        CertificateFacts facts = domains.certificate(domain);
        return ReplyTexts.certificate(CERT_TIME.format(facts.notBefore()), CERT_TIME.format(facts.notAfter()),
                "[" + facts.issuerOrganization() + "]");
    }

    @FunctionalInterface
    private interface DomainQuery {
        String reply(String domain) throws DomainLookup.LookupFailedException;
    }

    private static String argument(String text, String command) {
        return text.substring(command.length()).trim();
    }

    private static String firstWord(String argument) {
        return argument.isEmpty() ? "" : argument.split("\\s+", 2)[0];
    }
}
