package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("..", "config.example.yml");

    @Test
    void the_example_config_sets_and_documents_every_key_with_its_env_name() throws Exception {
        JsonNode root = new YAMLMapper().readTree(EXAMPLE.toFile());
        String text = Files.readString(EXAMPLE);
        ConfigReader reader = new ConfigReader(root, Map.of(), Map.of());

        for (String key : ConfigKeys.all()) {
            if (key.equals("port")) {
                // The original's key is documented beside server.port, which replaces it.
                assertThat(text).contains("the old key `port` still works). env PORT");
                continue;
            }
            assertThat(reader.fileNode(key)).as(key).isNotNull();
            String env = ConfigKeys.envName(key);
            if (!env.isEmpty()) assertThat(text).as(key).contains("env " + env);
        }
    }

    @Test
    void the_help_spells_every_template_title_as_the_template_list_does() throws Exception {
        String help = new YAMLMapper().readTree(EXAMPLE.toFile()).path("help").asText();
        List<String> titles = new ArrayList<>();
        new YAMLMapper().readTree(Path.of("..", "prompt.yml").toFile()).forEach(t -> titles.add(t.path("title").asText()));
        List<String> advertised = new ArrayList<>();
        Matcher command = Pattern.compile("\\*\\*(#[^*]+)\\*\\*").matcher(help);
        while (command.find()) advertised.add(command.group(1));

        assertThat(advertised).as("the help's #commands").isNotEmpty();
        for (String title : advertised) {
            if (List.of("#图片", "#域名", "#证书", "#关键字").contains(title)) continue;
            assertThat(titles).as("模板 lists %s as the help spells it", title).contains(title);
        }
    }
}
