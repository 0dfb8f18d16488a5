package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleConfigTest {

    private static final Path EXAMPLE = Path.of("..", "config.example.yml");

    @Test
    void the_example_config_documents_exactly_the_keys_of_the_table() throws Exception {
        JsonNode root = new YAMLMapper().readTree(EXAMPLE.toFile());

        assertThat(documentedKeys(root)).containsExactlyElementsOf(Keys.ALL.stream().map(ConfigKey::path).toList());
    }

    @Test
    void every_env_name_the_example_config_names_is_the_one_of_its_key() throws Exception {
        String text = Files.readString(EXAMPLE);
        Set<String> tableEnvs = Keys.ALL.stream().map(ConfigKey::env).filter(env -> !env.isEmpty())
                .collect(Collectors.toSet());
        Set<String> documented = new HashSet<>();
        Matcher env = Pattern.compile("\\benv ([A-Z][A-Z_]*)").matcher(text);
        while (env.find()) documented.add(env.group(1));

        assertThat(documented).isEqualTo(tableEnvs);
        for (ConfigKey<?> key : Keys.ALL) {
            if (key.env().isEmpty()) continue;
            // The env name is on the comment lines just above the key (or at its end), not anywhere in the file.
            assertThat(commentOf(text, key)).as(key.path()).contains("env " + key.env());
            // An older name of the key is mentioned beside it.
            for (String older : key.names().subList(1, key.names().size())) {
                assertThat(commentOf(text, key)).as(key.path()).contains("`" + older + "`");
            }
        }
    }

    @Test
    void every_key_declared_is_in_the_table_once() throws Exception {
        List<ConfigKey<?>> declared = new ArrayList<>();
        for (Field field : Keys.class.getDeclaredFields()) {
            if (field.getType() == ConfigKey.class) declared.add((ConfigKey<?>) field.get(null));
        }

        assertThat(Keys.ALL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void every_key_has_a_description_in_chinese_and_in_english() {
        for (ConfigKey<?> key : Keys.ALL) {
            assertThat(key.zh()).as(key.path()).isNotBlank();
            assertThat(key.en()).as(key.path()).isNotBlank();
        }
    }

    /** Keys as the example spells them, in its order: top-level keys, and the keys inside (nested) sections. */
    private static List<String> documentedKeys(JsonNode root) {
        Set<String> table = Keys.ALL.stream().map(ConfigKey::path).collect(Collectors.toSet());
        List<String> keys = new ArrayList<>();
        collectKeys("", root, table, keys);
        return keys;
    }

    private static void collectKeys(String prefix, JsonNode section, Set<String> table, List<String> keys) {
        section.properties().forEach(entry -> {
            String key = prefix + entry.getKey();
            if (table.contains(key) || !entry.getValue().isObject()) keys.add(key);
            else collectKeys(key + ".", entry.getValue(), table, keys);
        });
    }

    /** The key's line and the comment lines right above it. */
    /** The key's line and the comment lines above it, found by its path's segments in turn (the section first). */
    private static String commentOf(String text, ConfigKey<?> key) {
        String[] segments = key.path().split("\\.");
        String[] lines = text.split("\n");
        int from = 0;
        for (int s = 0; s < segments.length; s++) {
            int at = lineOf(lines, from, "  ".repeat(s) + segments[s] + ":");
            if (at < 0) return "";
            if (s == segments.length - 1) {
                StringBuilder comment = new StringBuilder(lines[at]);
                for (int j = at - 1; j >= 0 && lines[j].trim().startsWith("#"); j--) comment.append(lines[j]);
                return comment.toString();
            }
            from = at + 1;
        }
        return "";
    }

    private static int lineOf(String[] lines, int from, String start) {
        for (int i = from; i < lines.length; i++) {
            if (lines[i].startsWith(start)) return i;
        }
        return -1;
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
            if (List.of("#图片", "#域名", "#证书", "#模型", "#关键字").contains(title)) continue;
            assertThat(titles).as("模板 lists %s as the help spells it", title).contains(title);
        }
    }
}
