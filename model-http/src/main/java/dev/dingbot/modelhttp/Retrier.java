package dev.dingbot.modelhttp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Repeats a call after a failure its adapter calls {@linkplain RetryableFailure#retryable() retryable}, never after
 * anything else, and never once a piece of the answer reached the user. Waits what the server asks or an exponential
 * backoff with jitter; gives up at once when the server asks for more than the configured cap, and starts no attempt
 * past the total deadline.
 */
public final class Retrier {

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final Retry policy;

    public Retrier(Retry policy) {
        this.policy = policy;
    }

    /** One attempt's outcome: the value to return, the failure behind it (null on success), whether it may be repeated. */
    public record Attempt<T, F extends RetryableFailure>(T value, F failure, boolean mayRetry) {
        public static <T, F extends RetryableFailure> Attempt<T, F> success(T value) {
            return new Attempt<>(value, null, false);
        }
    }

    public <T, F extends RetryableFailure> T run(String what, Supplier<Attempt<T, F>> call) {
        return lastAttempt(what, call).value();
    }

    /** Like {@link #run}, but the last attempt as it was, for a caller that looks at the failure behind the value. */
    public <T, F extends RetryableFailure> Attempt<T, F> lastAttempt(String what, Supplier<Attempt<T, F>> call) {
        long start = System.nanoTime();
        for (int retry = 0; ; retry++) {
            Attempt<T, F> attempt = call.get();
            Duration wait = waitBeforeRetry(what, attempt, retry, start);
            if (wait == null) return attempt;
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return attempt;
            }
        }
    }

    /**
     * Like {@link #lastAttempt}, for calls that answer later: no thread waits between attempts, the next one starts
     * on {@code executor} once the wait is over.
     */
    public <T, F extends RetryableFailure> CompletableFuture<Attempt<T, F>> lastAttemptAsync(
            String what, Supplier<CompletableFuture<Attempt<T, F>>> call, Executor executor) {
        return attemptAsync(what, call, executor, 0, System.nanoTime());
    }

    private <T, F extends RetryableFailure> CompletableFuture<Attempt<T, F>> attemptAsync(
            String what, Supplier<CompletableFuture<Attempt<T, F>>> call, Executor executor, int retry, long start) {
        return call.get().thenCompose(attempt -> {
            Duration wait = waitBeforeRetry(what, attempt, retry, start);
            if (wait == null) return CompletableFuture.completedFuture(attempt);
            Executor later = CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, executor);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> attemptAsync(what, call, executor, retry + 1, start));
        });
    }

    /** How long to wait before the next attempt, logged; null when there is none (done, final, or out of budget). */
    private <F extends RetryableFailure> Duration waitBeforeRetry(String what, Attempt<?, F> attempt, int retry,
                                                                  long start) {
        F failure = attempt.failure();
        if (failure == null || !attempt.mayRetry() || !failure.retryable() || retry >= policy.maxRetries()) {
            return null;
        }
        Duration asked = failure.retryAfter();
        if (asked != null && asked.compareTo(policy.maxRetryAfter()) > 0) {
            log.warn("{}: server asks to wait {} s, more than the {} s cap; not retrying",
                    what, asked.toSeconds(), policy.maxRetryAfter().toSeconds());
            return null;
        }
        Duration wait = asked != null ? asked : backoff(retry);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (elapsed.plus(wait).compareTo(policy.totalDeadline()) > 0) return null;
        log.info("{}: {}, retry {} of {} in {} ms", what, failure.summary(), retry + 1, policy.maxRetries(),
                wait.toMillis());
        return wait;
    }

    /** min(base × 2^n, max) × a jitter factor in (0.75, 1]. */
    public Duration backoff(int retry) {
        long base = policy.baseDelay().toMillis();
        long capped = Math.min(base << Math.min(retry, 20), policy.maxDelay().toMillis());
        double jitter = 1.0 - ThreadLocalRandom.current().nextDouble() * 0.25;
        return Duration.ofMillis((long) (capped * jitter));
    }

    /**
     * Whether the server names a wait in the headers {@link #retryAfter} reads. {@code headers} looks a header up
     * by name in any letter case, null when absent ({@code okhttp3.Headers::get}, or the first value of a JDK
     * client's).
     */
    public static boolean asksToWait(Function<String, String> headers) {
        return headers.apply("retry-after-ms") != null || headers.apply("Retry-After") != null;
    }

    /** The wait a server asks for: retry-after-ms, else Retry-After as seconds or an HTTP date; null if none. */
    public static Duration retryAfter(Function<String, String> headers) {
        try {
            String ms = headers.apply("retry-after-ms");
            if (ms != null) return Duration.ofMillis((long) Double.parseDouble(ms.trim()));
            String value = headers.apply("Retry-After");
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

    /** The x-should-retry verdict, or null when absent. */
    public static Boolean shouldRetry(Function<String, String> headers) {
        String v = headers.apply("x-should-retry");
        return v == null ? null : Boolean.valueOf(v.trim());
    }
}
