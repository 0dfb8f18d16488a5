package dev.dingbot.core.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTest {

    @Test
    void whole_minutes_are_written_as_minutes_only() {
        assertThat(DurationText.chinese(Duration.ofSeconds(600))).isEqualTo("10分钟");
        assertThat(DurationText.chinese(Duration.ZERO)).isEqualTo("0分钟");
    }

    @Test
    void other_durations_are_written_as_minutes_and_seconds() {
        assertThat(DurationText.chinese(Duration.ofSeconds(90))).isEqualTo("1分30秒");
        assertThat(DurationText.chinese(Duration.ofSeconds(30))).isEqualTo("0分30秒");
    }

    @Test
    void fractions_of_a_second_are_dropped() {
        assertThat(DurationText.chinese(Duration.ofMillis(90_900))).isEqualTo("1分30秒");
        assertThat(DurationText.chinese(Duration.ofMillis(60_400))).isEqualTo("1分钟");
    }

    @Test
    void negative_durations_truncate_toward_zero_and_keep_the_sign_in_both_parts() {
        assertThat(DurationText.chinese(Duration.ofSeconds(-90))).isEqualTo("-1分-30秒");
        // The original's overflowed session timeout, as its users saw it.
        assertThat(DurationText.chinese(Duration.ofNanos(-8742554432415203328L))).isEqualTo("-145709240分-32秒");
        assertThat(DurationText.chinese(Duration.ofMillis(-500))).isEqualTo("0分钟");
    }
}
