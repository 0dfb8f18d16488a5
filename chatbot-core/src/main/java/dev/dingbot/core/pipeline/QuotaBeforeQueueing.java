package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ReplyChannel;

import java.util.Optional;

/**
 * Whether a message would go to a model while its sender has used up today's quota, so that intake can refuse it
 * before it takes a queue slot. Cheap, and counts nothing: a message let through is checked and counted by the
 * quota step, as before.
 */
final class QuotaBeforeQueueing {

    private final DailyQuota quota;
    private final AccessPolicy access;
    private final PrefixCommands prefixCommands;
    private final Templates templates;
    private final BotObserver observer;

    QuotaBeforeQueueing(DailyQuota quota, AccessPolicy access, PrefixCommands prefixCommands, Templates templates,
                        BotObserver observer) {
        this.quota = quota;
        this.access = access;
        this.prefixCommands = prefixCommands;
        this.templates = templates;
        this.observer = observer;
    }

    Optional<Runnable> refusal(IncomingMessage message, ReplyChannel channel) {
        if (!quota.usedUp(message.sender().identifier(), access.isVip(message.sender().staffId()))
                || !asksAModel(message)) {
            return Optional.empty();
        }
        observer.quotaHit(); // counted as rejected by intake's admission
        String reply = ReplyTexts.quotaReached(message.sender().nick());
        return Optional.of(() -> new Responder(message, channel).markdown(reply));
    }

    /** Files without a question: they get a receipt. */
    private static boolean receiptOnly(IncomingMessage message) {
        return message.text().isBlank() && message.pictures().isEmpty()
                && message.quoted().attachments().stream().noneMatch(a -> a.kind() == Attachment.Kind.PICTURE);
    }

    /** Whether the steps would put this message to a model: no command, help or template description. */
    boolean asksAModel(IncomingMessage message) {
        String text = message.text().trim();
        if (!Steps.UnsupportedType.answerable(message.type()) || Steps.Help.asksForHelp(message)
                || text.equals("群ID") || ModelChoice.recognises(text) || receiptOnly(message)) {
            return false;
        }
        if (PrefixCommands.recognises(text)) return prefixCommands.asksAModel(text);
        Optional<Templates.Match> template = templates.match(text);
        if (template.isEmpty()) return !KeywordCommands.recognises(text);
        return template.get() instanceof Templates.Match.Expanded expanded
                && !KeywordCommands.recognises(expanded.question());
    }
}
