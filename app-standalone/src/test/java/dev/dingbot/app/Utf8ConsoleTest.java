package dev.dingbot.app;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8ConsoleTest {

    @Test
    void the_raw_process_environment_is_read_as_utf8_entries_separated_by_nul() {
        byte[] raw = "DEFAULT_MODE=串聊\0HELP=a=b\0EMPTY=\0NOEQUALS\0".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8Console.parse(raw)).containsOnly(
                java.util.Map.entry("DEFAULT_MODE", "串聊"), java.util.Map.entry("HELP", "a=b"),
                java.util.Map.entry("EMPTY", ""));
    }
}
