package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.IncomingMessage;

import java.util.Optional;

/**
 * Which messages the steps would put to a model, told from the message alone and cheaply: intake refuses them
 * before queueing when the quota is used up, and queues the others (commands, help, the templates' list,
 * receipts) so that they take no worker.
 */
final class ModelQuestions {

    private final PrefixCommands prefixCommands;
    private final Templates templates;

    ModelQuestions(PrefixCommands prefixCommands, Templates templates) {
        this.prefixCommands = prefixCommands;
        this.templates = templates;
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
