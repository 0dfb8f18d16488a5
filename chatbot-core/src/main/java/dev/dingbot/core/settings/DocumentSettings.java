package dev.dingbot.core.settings;

/**
 * How files users send are read and kept.
 *
 * @param enabled       whether files are read at all; when not, a file gets the "not supported" reply
 * @param maxBytes      a larger file is not downloaded, and its sender told the limit
 * @param maxPerSession documents one conversation+sender keeps; the oldest goes first
 * @param maxTokens     the most of a question's documents that goes to the model, in tokens; 0: half of what
 *                      {@code max_text} leaves for the question once the answer's share is set aside
 */
public record DocumentSettings(boolean enabled, long maxBytes, int maxPerSession, int maxTokens) {

    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

    public DocumentSettings {
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive");
        if (maxPerSession < 1) throw new IllegalArgumentException("maxPerSession must be at least 1");
        if (maxTokens < 0) throw new IllegalArgumentException("maxTokens must not be negative");
    }

    public static DocumentSettings defaults() {
        return new DocumentSettings(true, DEFAULT_MAX_BYTES, 3, 0);
    }

    /** The token budget of a question's documents under {@code conversation}'s limits. */
    public int tokenBudget(ConversationSettings conversation) {
        return maxTokens > 0 ? maxTokens : conversation.promptBudget() / 2;
    }
}
