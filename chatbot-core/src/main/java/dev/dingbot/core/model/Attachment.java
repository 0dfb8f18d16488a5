package dev.dingbot.core.model;

import java.util.Objects;

/**
 * Media that came with a message, by reference: the channel downloads it on demand
 * ({@link dev.dingbot.core.port.ReplyChannel#download(Attachment, long)}, or
 * {@link dev.dingbot.core.port.ReplyChannel#fetchImage(Attachment)} for a picture), so admitting a message stays cheap.
 */
public record Attachment(Kind kind, String downloadCode, String fileName) {

    public enum Kind { PICTURE, AUDIO, VIDEO, FILE }

    public Attachment {
        Objects.requireNonNull(kind, "kind");
        downloadCode = Objects.requireNonNullElse(downloadCode, "");
        fileName = Objects.requireNonNullElse(fileName, "");
    }

    public static Attachment picture(String downloadCode) {
        return new Attachment(Kind.PICTURE, downloadCode, "");
    }

    public static Attachment file(String downloadCode, String fileName) {
        return new Attachment(Kind.FILE, downloadCode, fileName);
    }
}
