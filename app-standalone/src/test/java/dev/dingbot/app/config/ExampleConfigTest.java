package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
}
