package dev.dingbot.modelhttp;

import java.time.Duration;

/** What the {@link Retrier} needs to know of an adapter's classified failure. */
public interface RetryableFailure {

    /** Whether trying again could help. */
    boolean retryable();

    /** The wait the server asked for, or null. */
    Duration retryAfter();

    /** The failure in a few words for the retry log line, e.g. {@code RATE_LIMITED (rate_limit_exceeded)}. */
    String summary();
}
