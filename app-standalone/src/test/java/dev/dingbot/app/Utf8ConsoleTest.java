package dev.dingbot.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8ConsoleTest {

    @Test
    void the_raw_process_environment_is_read_as_utf8_entries_separated_by_nul() {
        byte[] raw = "DEFAULT_MODE=串聊\0HELP=a=b\0EMPTY=\0NOEQUALS\0".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8Console.parse(raw)).containsOnly(
                Map.entry("DEFAULT_MODE", "串聊"), Map.entry("HELP", "a=b"),
                Map.entry("EMPTY", ""));
    }

    @TempDir
    Path dir;

    @Test
    void under_a_non_utf8_locale_the_raw_process_environment_is_read_as_utf8() throws Exception {
        Path raw = Files.write(dir.resolve("environ"), "DEFAULT_MODE=串聊\0".getBytes(StandardCharsets.UTF_8));

        assertThat(Utf8Console.environment(Charset.forName("US-ASCII"), raw)).contains(Map.of("DEFAULT_MODE", "串聊"));
    }

    @Test
    void where_the_raw_environment_cannot_be_read_chinese_is_warned_about_once_and_the_jvms_own_is_used() {
        Optional<Map<String, String>> unreadable = Utf8Console.environment(Charset.forName("US-ASCII"),
                dir.resolve("no-such-file"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Map<String, String> env = Utf8Console.environmentOrWarn(unreadable, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(unreadable).isEmpty();
        assertThat(env).isEqualTo(System.getenv());
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
                .startsWith("warning: the locale's charset is").contains("LANG=C.UTF-8");
    }
}
