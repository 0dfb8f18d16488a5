package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Values that load but cannot mean what their author meant: one warning line each, naming the key and the fix. */
class ConfigWarningsTest {

    @TempDir
    Path dir;

    @Test
    void a_section_given_a_single_value_is_warned_about_as_a_section() throws Exception {
        AppConfig c = ConfigFixtures.load(ConfigFixtures.write(dir, "api_key: k\nopenai: 5\n"), Map.of());

        assertThat(c.warnings()).singleElement().asString()
                .contains("'openai' is a section", "indented below it").doesNotContain("unknown key");
    }

    @Test
    void a_key_given_twice_is_warned_about_with_both_lines() throws Exception {
        AppConfig c = ConfigFixtures.load(ConfigFixtures.write(dir,
                "api_key: k\nmodel: gpt-4o\nopenai:\n  read_timeout: 30\n  read_timeout: 90\nmodel: gpt-4o-mini\n"),
                Map.of());

        assertThat(c.warnings()).containsExactlyInAnyOrder(
                "key 'openai.read_timeout' is given twice (lines 4 and 5); the last one counts: remove the other",
                "key 'model' is given twice (lines 2 and 6); the last one counts: remove the other");
        assertThat(c.llm().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void a_max_answer_len_above_max_text_is_warned_about() throws Exception {
        AppConfig c = ConfigFixtures.load(ConfigFixtures.write(dir,
                "api_key: k\nmax_answer_len: 8000\nmax_text: 4096\n"), Map.of());

        assertThat(c.warnings()).singleElement().asString()
                .contains("max_answer_len (8000) is above max_text (4096)", "lower max_answer_len or raise max_text");
    }

    @Test
    void relative_data_dir_and_prompt_file_in_the_config_are_both_taken_from_the_config_files_directory()
            throws Exception {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Path file = ConfigFixtures.write(conf, "api_key: k\nstorage:\n  data_dir: state\nprompt_file: prompt.yml\n");

        AppConfig c = ConfigLoader.load(file, Map.of(), Map.of(), dir, ConfigLoader.Use.CONSOLE);

        assertThat(c.storage().dataDir()).isEqualTo(conf.resolve("state"));
        assertThat(c.templatesSource()).isEqualTo("from " + conf.resolve("prompt.yml"));
    }

    @Test
    void a_relative_data_dir_on_the_command_line_is_taken_from_the_working_directory() throws Exception {
        Path conf = Files.createDirectory(dir.resolve("conf"));
        Path file = ConfigFixtures.write(conf, "api_key: k\n");

        AppConfig c = ConfigLoader.load(file, Map.of(), Map.of("storage.data_dir", "state"), dir,
                ConfigLoader.Use.CONSOLE);

        assertThat(c.storage().dataDir()).isEqualTo(dir.resolve("state"));
    }

    @Test
    void the_originals_placeholders_are_warned_about_at_run_naming_each_key() throws Exception {
        AppConfig c = ConfigFixtures.load(ConfigFixtures.write(dir, """
                api_key: "xxxxxxxxx"
                service_url: "http://xxxxxx"
                azure_openai_token: "xxxxxxx"
                """), Map.of());

        assertThat(c.warnings()).containsExactly(
                "api_key still holds the example's placeholder: put your own value there",
                "service_url still holds the example's placeholder: put your own value there");
    }
}
