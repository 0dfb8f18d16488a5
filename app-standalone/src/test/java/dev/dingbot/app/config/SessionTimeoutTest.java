package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SessionTimeoutTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "session_timeout: {0} is {1} seconds")
    @CsvSource(delimiter = '|', value = {
            "600        | 600",
            "\"600\"    | 600",
            "\"600s\"   | 600",
            "10m        | 600",
            "1h30m      | 5400",
            "\"1.5h\"   | 5400",
            "PT10M      | 600",
            "0          | 0"})
    void session_timeout_accepts_seconds_or_a_duration_in_the_file(String yaml, long seconds) throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nsession_timeout: " + yaml + "\n");

        assertThat(ConfigFixtures.load(file, Map.of()).chat().sessionTimeout()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void session_timeout_from_env_is_seconds_as_in_the_original_or_a_duration() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");

        assertThat(ConfigFixtures.load(file, Map.of("SESSION_TIMEOUT", "600")).chat().sessionTimeout())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(ConfigFixtures.load(file, Map.of("SESSION_TIMEOUT", "2m")).chat().sessionTimeout())
                .isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void a_session_timeout_that_is_not_a_duration_is_reported_with_the_accepted_forms() {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.load(file, Map.of("SESSION_TIMEOUT", "-5s")));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("session_timeout (env SESSION_TIMEOUT)");
            assertThat(p.value()).isEqualTo("-5s");
            assertThat(p.fix()).contains("600s", "10m", "1h30m");
        });
    }

    @Test
    void durations_print_back_in_the_form_they_are_written() {
        assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.parse("ten minutes")).isEmpty();
        assertThat(Durations.parse("10x")).isEmpty();
    }
}
