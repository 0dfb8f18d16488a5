package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private static final List<String> SECRETS = List.of("sk-test-openai-key-123", "azure-token-secret-456",
            "client-secret-one-789", "client-secret-two-000", "legacy-app-secret-xyz", "proxy-password");

    @TempDir
    Path dir;

    @Test
    void describe_and_toString_never_contain_a_secret() throws Exception {
        Path file = ConfigFixtures.resource(dir, "/config/all-original-keys.yml");
        AppConfig c = ConfigFixtures.load(file, Map.of("HTTP_PROXY", "http://user:proxy-password@proxy:3128"));

        String described = c.describe();
        assertThat(described).contains("api_key: ***", "azure_openai_token: ***", "ding-app-1:***",
                "http_proxy: http://***@proxy:3128", "model: gpt-4");
        for (String printed : List.of(described, c.toString(), c.modelConfig().toString(),
                c.dingTalkSettings().toString(), c.llm().toString(), c.access().toString())) {
            for (String secret : SECRETS) {
                assertThat(printed).doesNotContain(secret);
            }
        }
    }

    @Test
    void every_key_the_table_marks_secret_is_shown_masked() throws Exception {
        Path file = ConfigFixtures.resource(dir, "/config/all-original-keys.yml");
        // the file holds the original's keys; the database password comes from the environment
        String described = ConfigFixtures.load(file, Map.of("STORAGE_POSTGRES_PASSWORD", "pg-password")).describe();

        List<ConfigKey<?>> secrets = Keys.ALL.stream().filter(ConfigKey::secret).toList();
        assertThat(secrets).extracting(ConfigKey::path)
                .containsExactly("api_key", "azure_openai_token", "app_secrets", "credentials",
                        "storage.postgres.password");
        for (ConfigKey<?> key : secrets) {
            assertThat(described.lines()).as(key.path()).filteredOn(line -> line.startsWith(key.path() + ": "))
                    .singleElement().asString().contains("***");
        }
    }

    @Test
    void check_shows_every_key_of_the_table_once_in_its_order() throws Exception {
        Path file = ConfigFixtures.resource(dir, "/config/all-original-keys.yml");
        String described = ConfigFixtures.load(file, Map.of()).describe();

        assertThat(described.lines().map(line -> line.substring(0, line.indexOf(": "))).toList())
                .containsExactlyElementsOf(Stream.concat(Keys.ALL.stream().map(ConfigKey::path),
                        Stream.of("templates")).toList());
    }

    @Test
    void a_bad_value_of_a_secret_key_is_not_echoed() {
        ConfigReader reader = new ConfigReader(null, Map.of("HTTP_PROXY", "not a url with s3cret"), Map.of(), dir, dir);

        Keys.HTTP_PROXY.asSecret().read(reader);

        assertThat(reader.problems()).singleElement().asString().startsWith("http_proxy (env HTTP_PROXY)")
                .doesNotContain("s3cret");
    }

    @Test
    void a_problem_about_a_secret_never_shows_its_value() {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        try {
            ConfigFixtures.load(file, Map.of("DINGTALK_CREDENTIALS", "appkey-without-colon-secretish"));
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("secretish");
            return;
        }
        throw new AssertionError("the malformed credential was not reported");
    }
}
