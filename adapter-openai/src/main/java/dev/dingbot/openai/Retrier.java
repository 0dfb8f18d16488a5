package dev.dingbot.openai;

import okhttp3.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Repeats a call after transient failures (rate limit, server error, network, timeout), never after anything else,
 * and never once a piece of the answer reached the user. Waits what the server asks (retry-after-ms, Retry-After)
 * or an exponential backoff with jitter; gives up at once when the server asks for more than the configured cap, and
 * starts no attempt past the total deadline.
 */
final class Retrier {

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final OpenAiSettings.Retry policy;

    Retrier(OpenAiSettings.Retry policy) {
        this.policy = policy;
    }

    /** One attempt's outcome: the value to return, and the failure behind it (null on success). */
    record Attempt<T>(T value, Failure failure, boolean mayRetry) {
        static <T> Attempt<T> success(T value) {
            return new Attempt<>(value, null, false);
        }
    }

    <T> T run(String what, Supplier<Attempt<T>> call) {
        return lastAttempt(what, call).value();
    }

    /** Like {@link #run}, but the last attempt as it was, for a caller that looks at the failure behind the value. */
    <T> Attempt<T> lastAttempt(String what, Supplier<Attempt<T>> call) {
        long start = System.nanoTime();
        for (int retry = 0; ; retry++) {
            Attempt<T> attempt = call.get();
            Failure failure = attempt.failure();
            if (failure == null || !attempt.mayRetry() || !failure.retryable() || retry >= policy.maxRetries()) {
                return attempt;
            }
            Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(retry);
            if (failure.retryAfter() != null && failure.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
                log.warn("{}: server asks to wait {} s, more than the {} s cap; not retrying",
                        what, failure.retryAfter().toSeconds(), policy.maxRetryAfter().toSeconds());
                return attempt;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (elapsed.plus(wait).compareTo(policy.totalDeadline()) > 0) return attempt;
            log.info("{}: {} ({}), retry {} of {} in {} ms", what, failure.status(), failure.code(), retry + 1,
                    policy.maxRetries(), wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt;
            }
        }
    }

    /** min(base × 2^n, max) × a jitter factor in (0.75, 1]. */
    Duration backoff(int retry) {
        long base = policy.baseDelay().toMillis();
        long capped = Math.min(base << Math.min(retry, 20), policy.maxDelay().toMillis());
        double jitter = 1.0 - ThreadLocalRandom.current().nextDouble() * 0.25;
        return Duration.ofMillis((long) (capped * jitter));
    }

    /**
     * The wait a server asks for: retry-after-ms, else Retry-After as seconds or an HTTP date, else the smaller of
     * OpenAI's x-ratelimit-reset-requests/-tokens; null if none.
     */
    static Duration retryAfter(Headers headers) {
        try {
            String ms = headers.get("retry-after-ms");
            if (ms != null) return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            String value = headers.get("Retry-After");
            if (value == null) return smallerReset(headers.get("x-ratelimit-reset-requests"), headers.get("x-ratelimit-reset-tokens"));
            value = value.trim();
            if (value.matches("\\d+(\\.\\d+)?")) return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
            var when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException e) {
            return null; // an unreadable header is as good as none
        }
    }

    private static final Pattern GO_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?");

    private static Duration smallerReset(String requests, String tokens) {
        Duration a = goDuration(requests);
        Duration b = goDuration(tokens);
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Go-style durations as OpenAI writes them: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1m30.5s}. */
    static Duration goDuration(String value) {
        if (value == null || value.isBlank()) return null;
        Matcher m = GO_DURATION.matcher(value.trim());
        if (!m.matches()) return null;
        double millis = 0;
        if (m.group(1) != null) millis += Long.parseLong(m.group(1)) * 3_600_000d;
        if (m.group(2) != null) millis += Long.parseLong(m.group(2)) * 60_000d;
        if (m.group(3) != null) millis += Double.parseDouble(m.group(3)) * 1000d;
        if (m.group(4) != null) millis += Long.parseLong(m.group(4));
        return Duration.ofMillis((long) millis);
    }

    /** The x-should-retry verdict, or null when absent. */
    static Boolean shouldRetry(Headers headers) {
        String v = headers.get("x-should-retry");
        return v == null ? null : Boolean.valueOf(v.trim());
    }
}
