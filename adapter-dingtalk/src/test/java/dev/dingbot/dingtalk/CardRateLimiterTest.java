package dev.dingbot.dingtalk;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CardRateLimiterTest {

    @Test
    void after_a_burst_of_one_second_calls_pass_at_the_steady_rate() {
        CardRateLimiter limiter = new CardRateLimiter(20);
        long started = System.nanoTime();

        for (int i = 0; i < 20; i++) assertThat(limiter.acquire()).isTrue();
        long burst = System.nanoTime() - started;
        for (int i = 0; i < 10; i++) assertThat(limiter.acquire()).isTrue();
        long total = System.nanoTime() - started;

        assertThat(Duration.ofNanos(burst)).as("a full bucket does not wait").isLessThan(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(total)).isBetween(Duration.ofMillis(450), Duration.ofMillis(1500));
    }
}
