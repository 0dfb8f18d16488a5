package dev.dingbot.core.pipeline;

/**
 * Removes the reasoning that some models (DeepSeek-R1 style) write into the answer itself as
 * {@code <think>…</think>}. A {@code <think>} that is never closed hides everything after it: the model is still
 * thinking, or was cut off while doing so.
 */
final class ReasoningFilter {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private ReasoningFilter() {
    }

    /**
     * The answer without its think blocks, wherever they are, and without leading whitespace (the blank lines a
     * leading block leaves behind).
     */
    public static String strip(String fullText) {
        return visible(fullText, false);
    }

    /**
     * What may be shown of an answer still being streamed: like {@link #strip}, and a trailing partial
     * {@code <think>} tag (such as {@code "<thi"}) is held back until the next chunk tells what it is. Each call's
     * result is a prefix of the result for any longer text with the same beginning.
     */
    public static String visiblePart(String textSoFar) {
        return visible(textSoFar, true);
    }

    private static String visible(String text, boolean holdPartialTag) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, from)) {
            out.append(text, from, open);
            int close = text.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                return out.toString().stripLeading();
            }
            from = close + CLOSE.length();
        }
        int end = holdPartialTag ? text.length() - partialTagLength(text, from) : text.length();
        return out.append(text, from, end).toString().stripLeading();
    }

    /** Length of the longest proper prefix of {@code <think>} that ends {@code text} after {@code from}. */
    private static int partialTagLength(String text, int from) {
        for (int len = Math.min(OPEN.length() - 1, text.length() - from); len > 0; len--) {
            if (text.startsWith(OPEN.substring(0, len), text.length() - len)) {
                return len;
            }
        }
        return 0;
    }
}
