package dev.dingbot.core.model;

/** How a call to a model ended. Everything but {@link #OK} carries the provider's message in the result. */
public enum ChatStatus {
    /** The whole answer arrived. */
    OK,
    /** The answer hit the token limit (finish reason {@code length}). */
    TRUNCATED,
    /** The stream ended early after some text was delivered (cut connection, mid-stream error). */
    INTERRUPTED,
    SERVER_ERROR,
    RATE_LIMITED,
    /** Out of credit: 429 insufficient_quota, 402. Never retried. */
    QUOTA_EXHAUSTED,
    CONTEXT_TOO_LONG,
    CONTENT_FILTERED,
    AUTH_FAILED,
    MODEL_NOT_FOUND,
    /** Any other request the provider refused (400, 403, 422). */
    BAD_REQUEST,
    NETWORK,
    TIMEOUT;

    /** Whether the result may carry a usable (possibly partial) answer. */
    public boolean hasAnswer() {
        return this == OK || this == TRUNCATED || this == INTERRUPTED || this == CONTENT_FILTERED;
    }
}
