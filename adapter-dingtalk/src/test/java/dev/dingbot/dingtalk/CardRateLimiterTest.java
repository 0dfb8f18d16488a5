package dev.dingbot.dingtalk;

import dev.dingbot.core.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CardRateLimiterTest {

    @Test
    void after_a_burst_of_one_second_calls_pass_at_the_steady_rate() {
        ManualScheduler time = new ManualScheduler();
        CardRateLimiter limiter = new CardRateLimiter(20, ReplyTestBed.cardTimeOf(time));

        for (int i = 0; i < 20; i++) assertThat(limiter.acquire()).isTrue();
        long burst = time.nanoTime();
        for (int i = 0; i < 10; i++) assertThat(limiter.acquire()).isTrue();
        long total = time.nanoTime();

        assertThat(burst).as("a full bucket does not wait").isZero();
        assertThat(Duration.ofNanos(total)).as("ten calls at 20 a second")
                .isBetween(Duration.ofMillis(499), Duration.ofMillis(501));
    }
}
