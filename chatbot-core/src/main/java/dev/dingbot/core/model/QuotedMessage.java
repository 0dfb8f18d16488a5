package dev.dingbot.core.model;

import java.util.List;
import java.util.Objects;

/**
 * The earlier message a user quoted in their reply (DingTalk's 引用回复), as far as the channel could read it: its
 * type, its words and the media it carried, by reference like the message's own attachments.
 *
 * @param type        what the quoted message was; {@link MessageType#UNKNOWN} when the channel cannot read it
 * @param text        its words: a text, or the joined text runs of a rich text; empty for media
 * @param attachments its pictures and files, to download through the reply channel like the message's own
 */
public record QuotedMessage(MessageType type, String text, List<Attachment> attachments) {

    /** No quote: the message quotes nothing, or nothing that could be read. */
    public static final QuotedMessage NONE = new QuotedMessage(MessageType.UNKNOWN, "", List.of());

    public QuotedMessage {
        Objects.requireNonNull(type, "type");
        text = Objects.requireNonNullElse(text, "");
        attachments = List.copyOf(Objects.requireNonNullElse(attachments, List.of()));
    }

    /** True when there is nothing to answer from: no words and no media (no quote, or one of an unknown type). */
    public boolean isEmpty() {
        return text.isEmpty() && attachments.isEmpty();
    }
}
