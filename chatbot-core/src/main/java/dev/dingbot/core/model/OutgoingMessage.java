package dev.dingbot.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A reply as the channel should post it. The text already holds any visible {@code @} mention; {@code atUserIds}
 * are the staff ids the channel asks the platform to notify.
 */
public record OutgoingMessage(Format format, String title, String text, List<String> atUserIds) {

    public enum Format { TEXT, MARKDOWN }

    /** The original titled every markdown reply this way; DingTalk shows it in notifications. */
    public static final String MARKDOWN_TITLE = "Markdown Msg";

    public OutgoingMessage {
        Objects.requireNonNull(format, "format");
        title = Objects.requireNonNullElse(title, "");
        text = Objects.requireNonNullElse(text, "");
        atUserIds = List.copyOf(Objects.requireNonNullElse(atUserIds, List.of()));
    }

    public static OutgoingMessage text(String text, List<String> atUserIds) {
        return new OutgoingMessage(Format.TEXT, "", text, atUserIds);
    }

    public static OutgoingMessage markdown(String text, List<String> atUserIds) {
        return new OutgoingMessage(Format.MARKDOWN, MARKDOWN_TITLE, text, atUserIds);
    }
}
