package dev.dingbot.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProvidersConfigTest {

    @TempDir
    Path dir;

    private static final String TWO = """
            providers:
              - name: "main"
                kind: "openai"
                base_url: "https://api.openai.com"
                api_keys: ["sk-main-key-0001", "sk-main-key-0002"]
                models: ["gpt-4o-mini", "gpt-4o"]
              - name: "claude"
                kind: "anthropic"
                api_key: "sk-ant-key-0003"
                models: ["claude-sonnet-4-5"]
            """;

    private AppConfig load(String yaml) throws ConfigException {
        return ConfigFixtures.load(ConfigFixtures.write(dir, yaml), Map.of());
    }

    private ConfigException problemsOf(String yaml) {
        return catchThrowableOfType(ConfigException.class, () -> load(yaml));
    }

    @Test
    void the_providers_are_the_chain_in_their_order_and_the_default_model_is_the_first_providers_first() throws Exception {
        ModelConfig m = load(TWO).modelConfig();

        assertThat(m.providers()).extracting(ModelConfig.Provider::name).containsExactly("main", "claude");
        assertThat(m.providers().get(0).apiKeys()).containsExactly("sk-main-key-0001", "sk-main-key-0002");
        assertThat(m.providers().get(1).kind()).isEqualTo(ModelConfig.Kind.ANTHROPIC);
        assertThat(m.model()).isEqualTo("gpt-4o-mini");
        assertThat(load(TWO).botSettings().modelSwitch()).isEqualTo(dev.dingbot.core.settings.ModelSwitch.ADMINS);
    }

    @Test
    void without_providers_the_originals_keys_are_the_one_provider() throws Exception {
        ModelConfig m = load("api_key: sk-one-key-0001\nmodel: gpt-4o\n").modelConfig();

        assertThat(m.providers()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ModelConfig.Kind.OPENAI);
            assertThat(p.apiKeys()).containsExactly("sk-one-key-0001");
            assertThat(p.models()).containsExactly("gpt-4o");
        });
    }

    @Test
    void a_top_level_model_no_provider_lists_is_a_config_error_naming_the_models_there_are() {
        ConfigException e = problemsOf(TWO + "model: gpt-5\n");

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.key()).startsWith("model");
            assertThat(p.fix()).contains("gpt-4o-mini, gpt-4o, claude-sonnet-4-5");
        });
    }

    @Test
    void every_mistake_in_the_providers_is_reported_at_once_with_its_place_and_no_key_is_shown() {
        ConfigException e = problemsOf("""
                providers:
                  - name: "a"
                    kind: "gemini"
                    api_key: "sk-secret-key-9999"
                    models: ["m"]
                  - name: "b"
                    kind: "openai"
                    models: ["m"]
                  - name: "c"
                    kind: "openai"
                    api_key: "k-c"
                  - kind: "openai"
                    api_key: "k-d"
                    models: ["m"]
                    modles: ["typo"]
                  - name: "e"
                    kind: "azure"
                    api_key: "k-e"
                """);

        assertThat(e.problems()).extracting(ConfigProblem::key).contains("providers[0].kind",
                "providers[1].api_key", "providers[2].models", "providers[3].name", "providers[3].modles",
                "providers[4].resource_name", "providers[4].deployment_name", "providers[4].api_version");
        assertThat(e.getMessage()).doesNotContain("sk-secret-key-9999");
    }

    @Test
    void two_providers_of_one_name_are_refused() {
        ConfigException e = problemsOf("""
                providers:
                  - {name: "x", api_key: "k1", models: ["m"]}
                  - {name: "x", api_key: "k2", models: ["m"]}
                """);

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.key()).isEqualTo("providers[1].name"));
    }

    @Test
    void model_switch_is_admins_everyone_or_off() throws Exception {
        assertThat(load(TWO + "model_switch: everyone\n").botSettings().modelSwitch())
                .isEqualTo(dev.dingbot.core.settings.ModelSwitch.EVERYONE);
        assertThat(problemsOf(TWO + "model_switch: anyone\n").problems()).singleElement()
                .satisfies(p -> assertThat(p.key()).isEqualTo("model_switch"));
    }

    @Test
    void where_config_is_printed_a_provider_shows_how_many_keys_it_has_never_which() throws Exception {
        AppConfig c = load(TWO);

        assertThat(ProvidersConfig.describe(c.llm().providers())).contains("main: openai https://api.openai.com, 2 keys (***)")
                .doesNotContain("sk-main-key");
        assertThat(c.toString() + c.modelConfig()).doesNotContain("sk-main-key").doesNotContain("sk-ant-key");
    }
}
