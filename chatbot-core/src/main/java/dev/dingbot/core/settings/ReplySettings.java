package dev.dingbot.core.settings;

/**
 * How answers go out.
 *
 * @param streamAnswers ask the model for a stream ({@code stream_mode}); shown in a card where the channel can
 * @param maxReplyChars longer answers are split into several messages on paragraph boundaries
 * @param imagesEnabled whether {@code #图片} may reach the image model
 */
public record ReplySettings(boolean streamAnswers, int maxReplyChars, boolean imagesEnabled) {

    public ReplySettings {
        if (maxReplyChars < 200) throw new IllegalArgumentException("maxReplyChars must be at least 200");
    }

    public static ReplySettings defaults() {
        return new ReplySettings(false, 4000, true);
    }
}
