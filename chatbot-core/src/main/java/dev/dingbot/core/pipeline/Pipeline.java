package dev.dingbot.core.pipeline;

import dev.dingbot.core.BotPorts;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.core.text.LogText;
import dev.dingbot.core.text.SensitiveWords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One message, start to finish, in the original's order (spec §4.2): sensitive question → chat type → 群ID →
 * access → help → prefix commands → templates → keyword commands → rate per minute → daily quota → the model.
 */
public final class Pipeline {

    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

    private final BotSettings settings;
    private final SensitiveWords words;
    private final AccessPolicy access;
    private final Templates templates;
    private final DailyQuota quota;
    private final CallRate rate;
    private final PrefixCommands prefixCommands;
    private final KeywordCommands keywordCommands;
    private final Answerer answerer;
    private final Sessions sessions;
    private final BotObserver observer;

    Pipeline(BotSettings settings, SensitiveWords words, AccessPolicy access, Templates templates, DailyQuota quota,
             CallRate rate, PrefixCommands prefixCommands, KeywordCommands keywordCommands, Answerer answerer,
             Sessions sessions, BotObserver observer) {
        this.settings = settings;
        this.words = words;
        this.access = access;
        this.templates = templates;
        this.quota = quota;
        this.rate = rate;
        this.prefixCommands = prefixCommands;
        this.keywordCommands = keywordCommands;
        this.answerer = answerer;
        this.sessions = sessions;
        this.observer = observer;
    }

    /** Builds the pipeline from its settings and ports. */
    public static Pipeline assemble(BotSettings settings, BotPorts ports) {
        SensitiveWords words = SensitiveWords.of(settings.sensitiveWords());
        AccessPolicy access = new AccessPolicy(settings.access());
        Templates templates = new Templates(settings.templates());
        DailyQuota quota = new DailyQuota(settings.quota(), ports.quotas(), ports.clock());
        Sessions sessions = new Sessions(ports.sessions(), settings.conversation(), ports.clock());
        HistoryLog history = new HistoryLog(ports.history(), ports.clock(), settings.quota().zone());
        BalanceReport balance = new BalanceReport(ports.balance(), ports.usage(), settings.prices());
        PrefixCommands prefix = new PrefixCommands(ports.imageModel(), ports.domains(), ports.links(), history, access,
                settings.replies());
        KeywordCommands keywords = new KeywordCommands(sessions, settings.conversation(), settings.replies(), templates,
                access, balance, quota);
        Answerer answerer = new Answerer(ports.chatModel(), settings.conversation(), settings.replies(), words, history,
                sessions, ports.usage(), quota, access, ports.observer(), ports.clock());
        CallRate rate = new CallRate(settings.quota().modelCallsPerMinute(), ports.clock());
        return new Pipeline(settings, words, access, templates, quota, rate, prefix, keywords, answerer, sessions,
                ports.observer());
    }

    /** Forgets sessions that timed out, and senders' call rates that are back to none; called now and then. */
    public int purgeExpiredSessions() {
        rate.purgeIdle();
        return sessions.purgeExpired();
    }

    /**
     * The quota reply to send, when {@code message} would go to a model and its sender has used up today's quota:
     * intake refuses it before it takes a queue slot. Cheap, and counts nothing: a message let through is checked
     * and counted when it reaches the model, as before.
     */
    public Optional<Runnable> refusalBeforeQueueing(IncomingMessage message, ReplyChannel channel) {
        if (!quota.usedUp(message.sender().identifier(), access.isVip(message.sender().staffId()))
                || !asksAModel(message)) {
            return Optional.empty();
        }
        observer.quotaHit(); // counted as rejected by intake's admission
        String reply = ReplyTexts.quotaReached(message.sender().nick());
        return Optional.of(() -> new Responder(message, channel).markdown(reply));
    }

    /** Whether {@link #process} would put this message to a model: no command, help or template description. */
    private boolean asksAModel(IncomingMessage message) {
        String text = message.text().trim();
        if (!answerable(message.type()) || (text.isEmpty() && message.pictures().isEmpty()) || text.equals("帮助")
                || text.equals("群ID")) {
            return false;
        }
        if (PrefixCommands.recognises(text)) return prefixCommands.asksAModel(text);
        Optional<Templates.Match> template = templates.match(text);
        if (template.isEmpty()) return !KeywordCommands.recognises(text);
        return template.get() instanceof Templates.Match.Expanded expanded
                && !KeywordCommands.recognises(expanded.question());
    }

    public void process(IncomingMessage message, ReplyChannel channel) {
        Responder responder = new Responder(message, channel);
        String text = message.text().trim();
        if (words.containsAny(text)) {
            reject(responder, "sensitive", ReplyTexts.SENSITIVE_QUESTION);
            return;
        }
        if (!access.chatKindAllowed(message.chatKind())) {
            reject(responder, "chat_type", ReplyTexts.CHAT_TYPE_DISABLED);
            return;
        }
        if (message.inGroup() && text.equals("群ID")) {
            String line = ReplyTexts.groupId(message.conversationTitle(), message.conversationId());
            log.info(LogText.safe(line));
            if (access.isAdmin(message.sender().staffId())) responder.markdown(line);
            return;
        }
        Optional<String> denial = access.denial(message);
        if (denial.isPresent()) {
            reject(responder, "access", denial.get());
            return;
        }
        if (!answerable(message.type())) {
            reject(responder, "unsupported_type", ReplyTexts.UNSUPPORTED_TYPE);
            return;
        }
        if ((text.isEmpty() && message.pictures().isEmpty()) || text.equals("帮助")) {
            responder.markdown(settings.helpText());
            return;
        }
        log.info("🙋 {} asked a question in {}", LogText.safe(message.sender().nick()),
                LogText.safe(message.chatTitle()));
        log.debug("question of {}: {}", LogText.safe(message.sender().nick()), LogText.safe(text));
        if (prefixCommands.handle(text, message, responder, () -> ticketFor(message, responder))) return;

        String question = text;
        Optional<Templates.Match> template = templates.match(text);
        if (template.isPresent() && template.get() instanceof Templates.Match.Description description) {
            responder.text(description.text());
            return;
        }
        if (template.isPresent()) question = ((Templates.Match.Expanded) template.get()).question();
        if (keywordCommands.handle(question, message, responder)) return;

        Optional<DailyQuota.Ticket> ticket = ticketFor(message, responder);
        if (ticket.isEmpty()) return;
        List<Image> images = fetchPictures(message, channel);
        if (!message.pictures().isEmpty() && images.isEmpty() && text.isEmpty()) {
            ticket.get().refund();
            responder.text(ReplyTexts.PICTURE_UNAVAILABLE);
            return;
        }
        answerer.answer(message, responder, question.isEmpty() ? ReplyTexts.DESCRIBE_PICTURE : question, images,
                ticket.get());
    }

    /**
     * Room in the sender's rate per minute, then a ticket of the daily quota; empty when the message may not reach
     * a model, and the sender was told why (of a flood over the rate, only the first in a minute is told).
     */
    private Optional<DailyQuota.Ticket> ticketFor(IncomingMessage message, Responder responder) {
        switch (rate.take(message.sender().identifier())) {
            case TOO_FAST -> {
                reject(responder, "rate", ReplyTexts.TOO_FAST);
                return Optional.empty();
            }
            case TOO_FAST_TOLD -> {
                observer.messageRejected("rate");
                return Optional.empty();
            }
            case GO -> { }
        }
        Optional<DailyQuota.Ticket> ticket = quota.acquire(message.sender().identifier(),
                access.isVip(message.sender().staffId()));
        if (ticket.isEmpty()) {
            observer.quotaHit();
            reject(responder, "quota", ReplyTexts.quotaReached(message.sender().nick()));
        }
        return ticket;
    }

    private void reject(Responder responder, String reason, String text) {
        observer.messageRejected(reason);
        responder.markdown(text);
    }

    private static boolean answerable(MessageType type) {
        return switch (type) {
            case TEXT, RICH_TEXT, PICTURE, AUDIO -> true;
            case FILE, VIDEO, UNKNOWN -> false;
        };
    }

    private static List<Image> fetchPictures(IncomingMessage message, ReplyChannel channel) {
        List<Image> images = new ArrayList<>();
        for (Attachment picture : message.pictures()) {
            channel.fetchImage(picture).ifPresentOrElse(images::add,
                    () -> log.warn("picture {} of message {} could not be downloaded", picture.downloadCode(), message.msgId()));
        }
        return images;
    }
}
