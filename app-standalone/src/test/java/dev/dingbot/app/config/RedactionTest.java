package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
