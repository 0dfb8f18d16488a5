package dev.dingbot.modelhttp;

import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;

class RetrierTest {

    private record Trouble(boolean retryable, Duration retryAfter) implements RetryableFailure {
        @Override
        public String summary() {
            return retryable ? "transient" : "final";
        }
    }

    private final Retrier retrier = new Retrier(new Retry(2, Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofSeconds(1), Duration.ofSeconds(5)));

    private static Retrier.Attempt<String, Trouble> failed(Trouble trouble, boolean mayRetry) {
        return new Retrier.Attempt<>("failed", trouble, mayRetry);
    }

    @Test
    void a_retryable_failure_is_tried_again_up_to_the_policy_and_a_success_ends_the_loop() {
        List<String> calls = new ArrayList<>();

        String value = retrier.run("test", () -> {
            calls.add("call");
            return calls.size() < 3 ? failed(new Trouble(true, null), true) : Retrier.Attempt.success("answer");
        });

        assertThat(value).isEqualTo("answer");
        assertThat(calls).hasSize(3);
    }

    @Test
    void a_failure_the_adapter_calls_final_or_after_a_delivered_piece_is_not_tried_again() {
        List<String> calls = new ArrayList<>();

        retrier.run("final", () -> { calls.add("final"); return failed(new Trouble(false, null), true); });
        retrier.run("delivered", () -> { calls.add("delivered"); return failed(new Trouble(true, null), false); });

        assertThat(calls).containsExactly("final", "delivered");
    }

    @Test
    void a_server_asking_to_wait_longer_than_the_cap_is_not_retried_and_the_last_attempt_is_returned() {
        var trouble = new Trouble(true, Duration.ofSeconds(30));

        var last = retrier.lastAttempt("busy", () -> failed(trouble, true));

        assertThat(last.failure()).isSameAs(trouble);
    }

    @Test
    void an_async_call_is_tried_again_on_the_executor_after_its_wait_and_a_success_ends_the_loop() {
        List<String> calls = new ArrayList<>();
        List<String> retriedOn = new ArrayList<>();
        Executor recording = task -> {
            retriedOn.add("executor");
            task.run();
        };

        var last = retrier.lastAttemptAsync("test", () -> {
            calls.add("call");
            return CompletableFuture.completedFuture(calls.size() < 3 ? failed(new Trouble(true, null), true)
                    : Retrier.Attempt.<String, Trouble>success("answer"));
        }, recording).join();

        assertThat(last.value()).isEqualTo("answer");
        assertThat(calls).hasSize(3);
        assertThat(retriedOn).hasSize(2);
    }

    @Test
    void an_async_failure_that_is_final_or_asks_too_long_a_wait_is_returned_as_it_was_without_another_call() {
        List<String> calls = new ArrayList<>();
        var tooLong = new Trouble(true, Duration.ofSeconds(30));

        var finalOne = retrier.lastAttemptAsync("final", () -> {
            calls.add("final");
            return CompletableFuture.completedFuture(failed(new Trouble(false, null), true));
        }, Runnable::run).join();
        var busy = retrier.lastAttemptAsync("busy", () -> {
            calls.add("busy");
            return CompletableFuture.completedFuture(failed(tooLong, true));
        }, Runnable::run).join();

        assertThat(calls).containsExactly("final", "busy");
        assertThat(finalOne.value()).isEqualTo("failed");
        assertThat(busy.failure()).isSameAs(tooLong);
    }

    @Test
    void retry_after_is_read_in_any_letter_case_as_milliseconds_seconds_or_nothing() {
        assertThat(Retrier.retryAfter(Headers.of("retry-after", "2")::get)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Retrier.retryAfter(Headers.of("Retry-After-Ms", "20", "retry-after", "9")::get)).isEqualTo(Duration.ofMillis(20));
        assertThat(Retrier.retryAfter(Headers.of("x-other", "1")::get)).isNull();
        assertThat(Retrier.asksToWait(Headers.of("x-ratelimit-reset-tokens", "1s")::get)).isFalse();
        assertThat(Retrier.shouldRetry(Headers.of("x-should-retry", "false")::get)).isFalse();
    }
}
