package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.ReplyChannel;

import java.util.List;

/** Replies to one message with the original's @-mention rules (spec §4.11). */
final class Responder {

    private final IncomingMessage message;
    private final ReplyChannel channel;

    Responder(IncomingMessage message, ReplyChannel channel) {
        this.message = message;
        this.channel = channel;
    }

    ReplyChannel channel() {
        return channel;
    }

    boolean markdown(String text) {
        return channel.send(OutgoingMessage.markdown(withMention(text, true), mentioned()));
    }

    boolean text(String text) {
        return channel.send(OutgoingMessage.text(withMention(text, false), mentioned()));
    }

    /** Sends an answer that was split into parts: only the last part mentions the asker. */
    boolean markdownParts(List<String> parts) {
        boolean all = true;
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            String part = parts.get(i);
            all &= channel.send(last
                    ? OutgoingMessage.markdown(withMention(part, true), mentioned())
                    : OutgoingMessage.markdown(part, List.of()));
        }
        return all;
    }

    /**
     * Without a staff id the nick is written out (DingTalk cannot notify), as plain words in markdown; with one, group markdown carries a
     * visible {@code @staffId} so the platform renders the mention.
     */
    private String withMention(String text, boolean markdown) {
        Sender sender = message.sender();
        if (!sender.hasStaffId()) {
            return text + "\n\n@" + (markdown ? MarkdownText.plain(sender.nick()) : sender.nick());
        }
        if (markdown && message.inGroup()) return text + "\n\n@" + sender.staffId();
        return text;
    }

    private List<String> mentioned() {
        return message.sender().hasStaffId() ? List.of(message.sender().staffId()) : List.of();
    }
}
