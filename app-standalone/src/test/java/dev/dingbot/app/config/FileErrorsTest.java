package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Mistakes in the files themselves: each named as what it is, at the line an editor shows, with its fix. */
class FileErrorsTest {

    private static final Charset GBK = Charset.forName("GBK");

    @TempDir
    Path dir;

    @Test
    void a_yaml_syntax_error_names_the_line_an_editor_shows() {
        Path file = ConfigFixtures.write(dir, "api_key: k\nmodel: gpt-4o\n- max_text\n");

        assertThat(problemOf(file)).contains("config.yml", "syntax error at line 3, column 1 (");
    }

    @Test
    void an_unclosed_quote_names_the_line_where_it_opened() {
        Path file = ConfigFixtures.write(dir, "api_key: k\nmodel: \"gpt-4o\nmax_text: 10\n");

        assertThat(problemOf(file)).contains("in the quotes or brackets opened at line 2");
    }

    @Test
    void a_tab_in_the_config_is_named_with_its_line_and_the_fix() {
        Path file = ConfigFixtures.write(dir, "api_key: k\nstorage:\n\tdata_dir: x\n");

        assertThat(problemOf(file)).contains("tabs are not allowed (line 3)", "indent with spaces")
                .doesNotContain("syntax error");
    }

    @Test
    void a_config_saved_as_gbk_is_named_as_not_utf8_at_the_line_of_the_bad_bytes() throws Exception {
        Path file = ConfigFixtures.write(dir, "");
        Files.write(file, "api_key: k\n# 机器人的配置\nmodel: gpt-4o\n".getBytes(GBK));

        assertThat(problemOf(file)).contains("not UTF-8 (invalid bytes at line 2): save it as UTF-8")
                .doesNotContain("syntax error");
    }

    @Test
    void a_config_path_that_is_a_directory_is_named_as_such_not_as_missing() throws Exception {
        Files.createDirectory(dir.resolve("config.yml"));

        String problem = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("config.yml"), Map.of(), Map.of(), dir)).getMessage();

        assertThat(problem).contains("is a directory, not a file", "config.yml").doesNotContain("not found");
    }

    @Test
    void the_prompt_file_gets_the_same_line_tab_and_encoding_messages() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        Path prompts = dir.resolve("prompt.yml");

        Files.writeString(prompts, "- title: \"#a\"\n  prefix: p\n  - suffix\n");
        assertThat(problemOf(file)).contains("prompt.yml", "syntax error at line 3, column 3 (");

        Files.writeString(prompts, "- title: \"#a\"\n\tprefix: p\n");
        assertThat(problemOf(file)).contains("prompt.yml", "tabs are not allowed (line 2)");

        Files.write(prompts, "- title: \"#a\"\n  prefix: \"请把下面的话翻译成英文：\"\n".getBytes(GBK));
        assertThat(problemOf(file)).contains("prompt.yml", "not UTF-8 (invalid bytes at line 2): save it as UTF-8");
    }

    private static String problemOf(Path file) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file, Map.of())).getMessage();
    }
}
