package dev.dingbot.app.config;

import dev.dingbot.core.settings.PromptTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PromptFileTest {

    @TempDir
    Path dir;

    @Test
    void the_shipped_prompts_carry_the_23_titles_of_the_original() throws Exception {
        AppConfig c = ConfigFixtures.load(ConfigFixtures.write(dir, "api_key: k\n"), Map.of());

        assertThat(c.templates()).extracting(PromptTemplate::title).containsExactly("#周报", "#前端", "#架构师",
                "#产品经理", "#网络安全", "#正则", "#招聘", "#知乎", "#翻译", "#小红书", "#解梦", "#linux命令",
                "#英语学术润色", "#中文学术润色", "#查找语法错误", "#中译英", "#学术中译英", "#英译中", "#解释代码",
                "#生成域名", "#生成sql", "#编程问题", "#画图");
        PromptTemplate code = c.templates().stream().filter(t -> t.title().equals("#解释代码")).findFirst().orElseThrow();
        assertThat(code.prefix()).endsWith("\n```\n");
        assertThat(code.suffix()).isEqualTo("\n```");
    }

    @Test
    void without_a_prompt_file_the_23_built_in_templates_are_used_and_the_source_says_so() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        Files.delete(dir.resolve("prompt.yml"));

        AppConfig c = ConfigFixtures.load(file, Map.of());

        assertThat(c.templates()).hasSize(23).first().extracting(PromptTemplate::title).isEqualTo("#周报");
        assertThat(c.templatesSource()).startsWith("built in").contains(dir.resolve("prompt.yml").toString());
    }

    @Test
    void a_prompt_file_named_in_the_config_that_does_not_exist_is_a_problem_pointing_at_init() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nprompt_file: mine.yml\n");

        assertThat(problemOf(file)).contains("prompt file not found", "dingbot init");
    }

    @Test
    void a_prompt_file_that_is_a_directory_is_a_problem_saying_so() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        Files.delete(dir.resolve("prompt.yml"));
        Files.createDirectory(dir.resolve("prompt.yml"));

        assertThat(problemOf(file)).contains("is a directory, not a file");
    }

    @Test
    void an_empty_prompt_file_is_a_problem() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        Files.writeString(dir.resolve("prompt.yml"), "# nothing here\n");

        assertThat(problemOf(file)).contains("is empty");
    }

    @Test
    void an_unparsable_prompt_file_is_a_problem() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        Files.writeString(dir.resolve("prompt.yml"), "- title: \"#a\n  prefix: [\n");

        assertThat(problemOf(file)).contains("not readable YAML", "line");
    }

    @Test
    void a_template_without_a_title_is_a_problem() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        Files.writeString(dir.resolve("prompt.yml"), "- title: \"#a\"\n  prefix: p\n- prefix: q\n");

        assertThat(problemOf(file)).contains("item 2", "needs a title");
    }

    private static String problemOf(Path file) {
        return catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file, Map.of())).getMessage();
    }
}
