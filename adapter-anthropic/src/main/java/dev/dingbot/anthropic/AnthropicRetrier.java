package dev.dingbot.anthropic;

import okhttp3.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The retry rules of the OpenAI adapter, for the Messages API: again after a rate limit, a server error (500, 529
 * overloaded, an {@code error} event before the first delta), a network failure or a timeout; never after anything
 * else, never once a piece of the answer reached the user, never when {@code x-should-retry: false}. Waits what the
 * server asks ({@code retry-after-ms}, {@code retry-after}) or min(base × 2^n, max) × a jitter in (0.75, 1]; gives
 * up at once when the server asks for more than the cap, and starts no attempt past the total deadline.
 */
final class AnthropicRetrier {

    private static final Logger log = LoggerFactory.getLogger(AnthropicRetrier.class);

    private final AnthropicSettings.Retry policy;

    AnthropicRetrier(AnthropicSettings.Retry policy) {
        this.policy = policy;
    }

    /** One attempt's outcome: the result to return, the failure behind it (null on success), whether it may be repeated. */
    record Attempt<T>(T value, AnthropicFailure failure, boolean mayRetry) {
        static <T> Attempt<T> success(T value) {
            return new Attempt<>(value, null, false);
        }
    }

    <T> T run(String what, Supplier<Attempt<T>> call) {
        long start = System.nanoTime();
        for (int retry = 0; ; retry++) {
            Attempt<T> attempt = call.get();
            AnthropicFailure failure = attempt.failure();
            if (failure == null || !attempt.mayRetry() || !failure.retryable() || retry >= policy.maxRetries()) {
                return attempt.value();
            }
            Duration asked = failure.retryAfter();
            if (asked != null && asked.compareTo(policy.maxRetryAfter()) > 0) {
                log.warn("{}: server asks to wait {} s, more than the {} s cap; not retrying",
                        what, asked.toSeconds(), policy.maxRetryAfter().toSeconds());
                return attempt.value();
            }
            Duration wait = asked != null ? asked : backoff(retry);
            if (Duration.ofNanos(System.nanoTime() - start).plus(wait).compareTo(policy.totalDeadline()) > 0) {
                return attempt.value();
            }
            log.info("{}: {} ({}), retry {} of {} in {} ms", what, failure.status(),
                    failure.type().isEmpty() ? "-" : failure.type(), retry + 1, policy.maxRetries(), wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt.value();
            }
        }
    }

    Duration backoff(int retry) {
        long capped = Math.min(policy.baseDelay().toMillis() << Math.min(retry, 20), policy.maxDelay().toMillis());
        return Duration.ofMillis((long) (capped * (1.0 - ThreadLocalRandom.current().nextDouble() * 0.25)));
    }

    /** The wait a server asks for: {@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date; null if none. */
    static Duration retryAfter(Headers headers) {
        try {
            String ms = headers.get("retry-after-ms");
            if (ms != null) return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            String value = headers.get("retry-after");
            if (value == null) return null;
            value = value.trim();
            if (value.matches("\\d+(\\.\\d+)?")) return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
            var when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null; // an unreadable header is as good as none
        }
    }

    /** The {@code x-should-retry} verdict, or null when absent. */
    static Boolean shouldRetry(Headers headers) {
        String v = headers.get("x-should-retry");
        return v == null ? null : Boolean.valueOf(v.trim());
    }
}
