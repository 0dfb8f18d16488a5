package dev.dingbot.modelhttp;

import java.time.Duration;
import java.util.Objects;

/**
 * The retry policy for transient failures.
 *
 * @param maxRetries    retries after the first attempt
 * @param baseDelay     first backoff; doubles per retry, with jitter
 * @param maxDelay      cap of one backoff
 * @param maxRetryAfter a server asking to wait longer than this is not retried (fail fast, "busy")
 * @param totalDeadline no retry starts after this much time since the first attempt
 */
public record Retry(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                    Duration totalDeadline) {
    public Retry {
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        Objects.requireNonNull(totalDeadline, "totalDeadline");
    }

    public static Retry none() {
        return new Retry(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}
