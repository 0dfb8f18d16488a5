package dev.dingbot.app.config;

import dev.dingbot.core.model.Mode;
import dev.dingbot.core.settings.AllowedChats;
import dev.dingbot.core.settings.BotSettings;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.dingtalk.DingTalkSettings.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void a_config_with_every_key_of_the_original_loads() throws Exception {
        Path file = ConfigFixtures.resource(dir, "/config/all-original-keys.yml");

        AppConfig c = ConfigFixtures.load(file, Map.of());

        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.runMode()).isEqualTo(AppConfig.RunMode.STREAM);
        assertThat(c.llm().apiKey().reveal()).isEqualTo("sk-test-openai-key-123");
        assertThat(c.llm().baseUrl()).isEqualTo("http://llm.internal:8000");
        assertThat(c.llm().model()).isEqualTo("gpt-4");
        assertThat(c.llm().imageModel()).isEqualTo("dall-e-3");
        assertThat(c.llm().httpProxy()).isEqualTo("socks5://127.0.0.1:1080");
        assertThat(c.chat().sessionTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(c.chat().maxQuestionLen()).isEqualTo(2048);
        assertThat(c.chat().maxAnswerLen()).isEqualTo(1024);
        assertThat(c.chat().maxText()).isEqualTo(8192);
        assertThat(c.chat().defaultMode()).isEqualTo("串聊");
        assertThat(c.chat().maxRequest()).isEqualTo(20);
        assertThat(c.chat().sensitiveWords()).containsExactly("foo", "bar");
        assertThat(c.chat().help()).startsWith("### 帮助\n\n");
        assertThat(c.chat().streamMode()).isTrue();
        assertThat(c.server().port()).isEqualTo(8091);
        assertThat(c.server().serviceUrl()).isEqualTo("https://bot.example.com");
        assertThat(c.access().chatType()).isEqualTo("2");
        assertThat(c.access().allowGroups()).containsExactlyInAnyOrder("cidA", "cidB");
        assertThat(c.access().allowOutgoingGroups()).containsExactly("cidOut");
        assertThat(c.access().allowUsers()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(c.access().denyUsers()).containsExactly("u3");
        assertThat(c.access().vipUsers()).containsExactly("u4");
        assertThat(c.access().adminUsers()).containsExactly("u5");
        assertThat(c.access().appSecrets()).extracting(Secret::reveal).containsExactly("legacy-app-secret-xyz");
        assertThat(c.llm().azure().on()).isFalse();
        assertThat(c.llm().azure().resourceName()).isEqualTo("my-resource");
        assertThat(c.llm().azure().deploymentName()).isEqualTo("gpt-35-turbo");
        assertThat(c.llm().azure().apiVersion()).isEqualTo("2023-03-15-preview");
        assertThat(c.llm().azure().token().reveal()).isEqualTo("azure-token-secret-456");
        assertThat(c.dingtalk().cardTemplateId()).isEqualTo("4d18414c-aabc-4ec8-9e67-4ceefeada72a.schema");
        assertThat(c.dingtalk().credentials()).containsExactly(new Credential("ding-app-1", "client-secret-one-789"),
                new Credential("ding-app-2", "client-secret-two-000"));
        assertThat(c.templates()).hasSize(23);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void a_docker_style_env_only_configuration_loads_without_a_file() throws Exception {
        ConfigFixtures.shippedPrompts(dir);
        Map<String, String> env = Map.ofEntries(
                Map.entry("APIKEY", "sk-env-only"), Map.entry("RUN_MODE", "stream"), Map.entry("MODEL", "gpt-4o"),
                Map.entry("SESSION_TIMEOUT", "600"), Map.entry("MAX_REQUEST", "5"), Map.entry("PORT", "9000"),
                Map.entry("DEFAULT_MODE", "串聊"), Map.entry("ALLOW_USERS", "a,b"),
                Map.entry("DINGTALK_CREDENTIALS", "id1:sec1"), Map.entry("STREAM_MODE", "true"),
                Map.entry("CARD_TEMPLATE_ID", "tpl.schema"), Map.entry("IMAGE_MODEL", "dall-e-3"),
                Map.entry("HELP", "第一行\\n第二行"), Map.entry("AZURE_ON", "false"), Map.entry("BASE_URL", ""));

        AppConfig c = ConfigLoader.load(null, env, Map.of(), dir);

        assertThat(c.llm().apiKey().reveal()).isEqualTo("sk-env-only");
        assertThat(c.runMode()).isEqualTo(AppConfig.RunMode.STREAM);
        assertThat(c.llm().model()).isEqualTo("gpt-4o");
        assertThat(c.llm().imageModel()).isEqualTo("dall-e-3");
        assertThat(c.chat().maxRequest()).isEqualTo(5);
        assertThat(c.server().port()).isEqualTo(9000);
        assertThat(c.chat().defaultMode()).isEqualTo("串聊");
        assertThat(c.access().allowUsers()).containsExactlyInAnyOrder("a", "b");
        assertThat(c.dingtalk().credentials()).containsExactly(new Credential("id1", "sec1"));
        assertThat(c.chat().streamMode()).isTrue();
        assertThat(c.dingtalk().cardTemplateId()).isEqualTo("tpl.schema");
        assertThat(c.chat().help()).isEqualTo("第一行\n第二行");
        assertThat(c.templates()).hasSize(23);
        assertThat(ConfigLoader.environmentConfigures(env)).isTrue();
        assertThat(ConfigLoader.environmentConfigures(Map.of("PATH", "/usr/bin", "APIKEY", ""))).isFalse();
        assertThat(ConfigLoader.environmentConfigures(Map.of("HTTP_PROXY", "http://proxy:3128", "PORT", "80")))
                .isFalse();
    }

    @Test
    void a_minimal_config_takes_the_originals_defaults() throws Exception {
        AppConfig c = ConfigFixtures.load(ConfigFixtures.write(dir, "api_key: k\n"), Map.of());

        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.runMode()).isEqualTo(AppConfig.RunMode.HTTP);
        assertThat(c.llm().model()).isEqualTo("gpt-3.5-turbo");
        assertThat(c.chat().defaultMode()).isEqualTo("单聊");
        assertThat(c.server().port()).isEqualTo(8090);
        assertThat(c.access().chatType()).isEqualTo("0");
        assertThat(c.chat().maxQuestionLen()).isEqualTo(4096);
        assertThat(c.chat().maxAnswerLen()).isEqualTo(4096);
        assertThat(c.chat().maxText()).isEqualTo(4096);
        assertThat(c.chat().sessionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.storage().dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.storage().fsync()).isEqualTo(AppConfig.Fsync.BATCH);
        assertThat(c.chat().quotaZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(c.chat().replyMaxChars()).isEqualTo(4000);
        assertThat(c.server().historyLinkTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(c.server().imageLinkTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.allowPrivateTargets()).isFalse();
        assertThat(c.chat().help()).startsWith("### 发送信息").contains("### 系统指令", "### 功能指令");
    }

    @Test
    void the_limits_per_user_default_to_five_queued_and_ten_model_calls_a_minute_and_env_sets_them()
            throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\n");
        BotSettings defaults = ConfigFixtures.load(file, Map.of()).botSettings();
        assertThat(defaults.lanes().maxQueuedPerSender()).isEqualTo(5);
        assertThat(defaults.quota().modelCallsPerMinute()).isEqualTo(10);

        BotSettings fromEnv = ConfigFixtures.load(file, Map.of("LANES_MAX_QUEUED_PER_SENDER", "2",
                "QUOTA_MODEL_CALLS_PER_MINUTE", "0")).botSettings();
        assertThat(fromEnv.lanes().maxQueuedPerSender()).isEqualTo(2);
        assertThat(fromEnv.quota().modelCallsPerMinute()).isZero();
    }

    @Test
    void choices_ignore_ascii_case() throws Exception {
        Path file = ConfigFixtures.write(dir, """
                api_key: k
                log_level: INFO
                run_mode: HTTP
                storage:
                  fsync: Always
                """);

        AppConfig c = ConfigFixtures.load(file, Map.of());

        assertThat(c.logLevel()).isEqualTo("info");
        assertThat(c.runMode()).isEqualTo(AppConfig.RunMode.HTTP);
        assertThat(c.storage().fsync()).isEqualTo(AppConfig.Fsync.ALWAYS);
    }

    @Test
    void a_config_with_five_mistakes_reports_all_five() {
        Path file = ConfigFixtures.write(dir, """
                run_mode: websocket
                chat_type: "3"
                default_mode: 群聊
                max_request: -1
                service_url: bot.example.com
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file, Map.of()));

        // The five mistakes plus the missing api key.
        assertThat(e.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder("run_mode", "chat_type",
                "default_mode", "max_request", "service_url", "api_key (env APIKEY)");
        assertThat(e.problems()).filteredOn(p -> p.key().equals("run_mode")).singleElement()
                .satisfies(p -> {
                    assertThat(p.value()).isEqualTo("websocket");
                    assertThat(p.fix()).contains("stream", "http");
                });
        assertThat(e.getMessage()).contains("api key required", "chat_type = \"3\"", "must be one of 0, 1, 2",
                "must be a URL with scheme");
    }

    @Test
    void flags_beat_env_which_beats_the_file_which_beats_defaults() throws Exception {
        Path file = ConfigFixtures.write(dir, """
                api_key: from-file
                model: file-model
                max_request: 3
                log_level: warn
                storage:
                  data_dir: file-data
                """);
        Map<String, String> env = Map.of("MODEL", "env-model", "LOG_LEVEL", "error", "STORAGE_DATA_DIR", "env-data");
        Map<String, String> flags = Map.of("log_level", "debug", "storage.data_dir", "flag-data");

        AppConfig c = ConfigLoader.load(file, env, flags, dir, ConfigLoader.Use.CONSOLE);

        assertThat(c.llm().apiKey().reveal()).isEqualTo("from-file");
        assertThat(c.chat().maxRequest()).isEqualTo(3);
        assertThat(c.llm().model()).isEqualTo("env-model");
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.storage().dataDir()).isEqualTo(dir.resolve("flag-data"));
        assertThat(c.chat().maxText()).isEqualTo(4096);
    }

    @Test
    void an_env_var_set_to_empty_does_not_clear_a_file_value() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: from-file\nmodel: file-model\nallow_users: [u1]\n");

        AppConfig c = ConfigFixtures.load(file, Map.of("APIKEY", "", "MODEL", "  ", "ALLOW_USERS", ""));

        assertThat(c.llm().apiKey().reveal()).isEqualTo("from-file");
        assertThat(c.llm().model()).isEqualTo("file-model");
        assertThat(c.access().allowUsers()).containsExactly("u1");
    }

    @Test
    void the_new_server_port_key_wins_over_the_old_port_key_and_env_PORT_over_both() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nport: \"8091\"\nserver:\n  port: 8092\n");

        assertThat(ConfigFixtures.load(file, Map.of()).server().port()).isEqualTo(8092);
        assertThat(ConfigFixtures.load(file, Map.of("PORT", "8093")).server().port()).isEqualTo(8093);
        assertThat(ConfigLoader.load(file, Map.of("PORT", "8093"), Map.of("server.port", "8094"), dir,
                ConfigLoader.Use.CONSOLE)
                .server().port()).isEqualTo(8094);
    }

    @Test
    void the_server_listens_on_every_interface_unless_server_host_or_SERVER_HOST_names_one() throws Exception {
        Path plain = ConfigFixtures.write(dir, "api_key: k\n");
        assertThat(ConfigFixtures.load(plain, Map.of()).server().host()).isEmpty();

        Path file = ConfigFixtures.write(dir, "api_key: k\nserver:\n  host: \" 127.0.0.1 \"\n");
        assertThat(ConfigFixtures.load(file, Map.of()).server().host()).isEqualTo("127.0.0.1");
        assertThat(ConfigFixtures.load(file, Map.of("SERVER_HOST", "::1")).server().host()).isEqualTo("::1");
    }

    @Test
    void list_env_vars_are_trimmed_and_empty_items_dropped() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nsensitive_words: [\" a \", \"\", b]\n");

        AppConfig c = ConfigFixtures.load(file, Map.of("ALLOW_USERS", " u1, ,u2 ,,", "ADMIN_USERS", "x,,y"));

        assertThat(c.access().allowUsers()).containsExactlyInAnyOrder("u1", "u2");
        assertThat(c.access().adminUsers()).containsExactlyInAnyOrder("x", "y");
        assertThat(c.chat().sensitiveWords()).containsExactly("a", "b");
    }

    @Test
    void the_api_key_is_required_unless_azure_is_on_and_azure_then_needs_its_keys() throws Exception {
        Path noKey = ConfigFixtures.write(dir, "model: m\n");
        assertThatThrownBy(() -> ConfigFixtures.load(noKey, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api key required");

        ConfigException azure = catchThrowableOfType(ConfigException.class,
                () -> ConfigFixtures.load(noKey, Map.of("AZURE_ON", "true", "AZURE_RESOURCE_NAME", "r")));
        assertThat(azure.problems()).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "azure_deployment_name (env AZURE_DEPLOYMENT_NAME)", "azure_api_version (env AZURE_API_VERSION)",
                "azure_openai_token (env AZURE_OPENAI_TOKEN)");

        AppConfig ok = ConfigFixtures.load(noKey, Map.of("AZURE_ON", "true", "AZURE_RESOURCE_NAME", "r",
                "AZURE_DEPLOYMENT_NAME", "d", "AZURE_API_VERSION", "2024-10-21", "AZURE_OPENAI_TOKEN", "t"));
        assertThat(ok.modelConfig().kind()).isEqualTo(ModelConfig.Kind.AZURE);
        assertThat(ok.modelConfig().apiKey()).isEqualTo("t");
        assertThat(ok.botSettings().replies().imagesEnabled()).as("images work on Azure too").isTrue();
    }

    @Test
    void stream_mode_without_credentials_is_a_problem_not_a_silent_idle() {
        Path file = ConfigFixtures.write(dir, "api_key: k\nrun_mode: stream\n");

        assertThatThrownBy(() -> ConfigFixtures.loadToConnect(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("stream mode needs at least one DingTalk app");
    }

    @Test
    void unknown_keys_are_warnings_that_name_the_likely_key() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nsesion_timeout: 60\nstorage:\n  datadir: x\nzzz: 1\n");

        AppConfig c = ConfigFixtures.load(file, Map.of());

        assertThat(c.warnings()).containsExactlyInAnyOrder(
                "unknown key 'sesion_timeout' is ignored (did you mean 'session_timeout'?)",
                "unknown key 'storage.datadir' is ignored (did you mean 'storage.data_dir'?)",
                "unknown key 'zzz' is ignored");
    }

    @Test
    void unparsable_yaml_is_a_problem_that_does_not_quote_the_line() {
        Path file = ConfigFixtures.write(dir, "api_key: \"sk-secret-unterminated\n  model: [x\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file, Map.of()));

        assertThat(e.getMessage()).contains("not readable YAML", "line").doesNotContain("sk-secret");
    }

    @Test
    void a_missing_config_file_says_to_run_init() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(dir.resolve("nope.yml"), Map.of(), Map.of(), dir));

        assertThat(e.getMessage()).contains("dingbot init");
    }

    @Test
    void prices_are_read_per_model() throws Exception {
        Path file = ConfigFixtures.write(dir, """
                api_key: k
                prices:
                  gpt-4o-mini: {prompt: 0.15, completion: 0.6, currency: USD}
                  qwen: {prompt: 2, completion: 6, currency: CNY}
                  bad: {prompt: -1, completion: x}
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.load(file, Map.of()));
        assertThat(e.problems()).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("prices.bad.prompt", "prices.bad.completion");

        Files.writeString(file, Files.readString(file).replace("  bad: {prompt: -1, completion: x}\n", ""));
        AppConfig c = ConfigFixtures.load(file, Map.of());
        assertThat(c.prices().get("qwen").completionPerMillion()).isEqualByComparingTo("6");
        assertThat(c.prices().get("gpt-4o-mini").currency()).isEqualTo("USD");
    }

    @Test
    void conversions_give_core_and_dingtalk_settings() throws Exception {
        Path file = ConfigFixtures.resource(dir, "/config/all-original-keys.yml");
        AppConfig c = ConfigFixtures.load(file, Map.of());

        BotSettings bot = c.botSettings();
        assertThat(bot.access().allowedChats()).isEqualTo(AllowedChats.GROUP_ONLY);
        assertThat(bot.access().adminUsers()).containsExactly("u5");
        assertThat(bot.access().vipUsers()).containsExactly("u4");
        assertThat(bot.conversation().defaultMode()).isEqualTo(Mode.CONTEXT);
        assertThat(bot.conversation().maxContextTokens()).isEqualTo(8192);
        assertThat(bot.quota().maxRequestsPerDay()).isEqualTo(20);
        assertThat(bot.replies().streamAnswers()).isTrue();
        assertThat(bot.sensitiveWords()).containsExactly("foo", "bar");
        assertThat(bot.templates()).hasSize(23);
        assertThat(bot.helpText()).startsWith("### 帮助");

        DingTalkSettings dt = c.dingTalkSettings();
        assertThat(dt.credentials()).hasSize(2);
        assertThat(dt.cardsEnabled()).isTrue();
        assertThat(dt.cardTemplateId()).isEqualTo("4d18414c-aabc-4ec8-9e67-4ceefeada72a.schema");
        assertThat(dt.allowOutgoingGroups()).containsExactly("cidOut");
        assertThat(dt.apiHost()).isEqualTo(DingTalkSettings.DEFAULT_API_HOST);

        ModelConfig m = c.modelConfig();
        assertThat(m.kind()).isEqualTo(ModelConfig.Kind.OPENAI);
        assertThat(m.baseUrl()).isEqualTo("http://llm.internal:8000");
        assertThat(m.apiKey()).isEqualTo("sk-test-openai-key-123");
        assertThat(m.proxy()).isEqualTo("socks5://127.0.0.1:1080");
        assertThat(m.imageSize()).isEqualTo("1024x1024");
    }

    @Test
    void http_mode_with_no_secret_to_verify_callbacks_by_is_refused_naming_credentials_app_secrets_and_the_way_out()
            throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nrun_mode: http\n");

        assertThat(catchThrowableOfType(ConfigException.class, () -> ConfigFixtures.loadToConnect(file, Map.of()))
                .getMessage()).contains("credentials", "app_secrets", "dingtalk.allow_unsigned_callbacks: true");
    }

    @Test
    void http_mode_with_only_the_originals_app_secrets_loads_and_verifies_callbacks_with_them() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nrun_mode: http\napp_secrets: [\"s1\"]\n");

        assertThat(ConfigFixtures.loadToConnect(file, Map.of()).dingTalkSettings().callbackTrust().secrets())
                .containsExactly("s1");
    }

    @Test
    void taking_unsigned_callbacks_is_warned_about_at_every_start() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nrun_mode: http\ndingtalk:\n  allow_unsigned_callbacks: true\n");

        AppConfig c = ConfigFixtures.loadToConnect(file, Map.of());

        assertThat(c.dingTalkSettings().callbackTrust().unsignedAccepted()).isTrue();
        assertThat(c.warnings()).anySatisfy(w -> assertThat(w).contains("allow_unsigned_callbacks", "anyone"));
    }

    @Test
    void the_console_chat_needs_no_dingtalk_app_nor_callback_secret_in_either_mode() throws Exception {
        for (String mode : new String[] {"stream", "http"}) {
            Path file = ConfigFixtures.write(dir, "api_key: k\nrun_mode: " + mode + "\n");

            assertThat(ConfigLoader.load(file, Map.of(), Map.of(), dir, ConfigLoader.Use.CONSOLE).runMode().name())
                    .isEqualToIgnoringCase(mode);
        }
    }

    @Test
    void NO_PROXY_sends_a_model_server_it_names_past_a_system_wide_HTTP_PROXY() throws Exception {
        Path file = ConfigFixtures.write(dir, "api_key: k\nbase_url: \"http://ollama.lan:11434\"\n");

        AppConfig proxied = ConfigFixtures.load(file, Map.of("HTTP_PROXY", "http://proxy.corp:3128"));
        AppConfig direct = ConfigFixtures.load(file, Map.of("HTTP_PROXY", "http://proxy.corp:3128",
                "NO_PROXY", "localhost,127.0.0.1,.lan"));

        assertThat(proxied.modelConfig().proxy()).isEqualTo("http://proxy.corp:3128");
        assertThat(direct.modelConfig().proxy()).isEmpty();
    }

    @Test
    void the_shipped_example_config_loads() throws Exception {
        Path file = dir.resolve("config.yml");
        Files.copy(Path.of("..", "config.example.yml"), file);
        ConfigFixtures.shippedPrompts(dir);

        AppConfig c = ConfigFixtures.load(file, Map.of());

        assertThat(c.warnings()).containsExactly(
                "api_key still holds the example's placeholder: put your own value there",
                "credentials (client_id put-your-client-id-here) still holds the example's placeholder: put your own "
                        + "value there");
        assertThat(c.runMode()).isEqualTo(AppConfig.RunMode.STREAM);
        assertThat(c.chat().help()).contains("### 发送信息", "### 系统指令", "### 功能指令", "### 友情提示")
                .doesNotContain("github.com");
        assertThat(c.templates()).hasSize(23);
        assertThat(c.prices()).containsKey("gpt-4o-mini");
    }

    @Test
    void a_key_the_loader_does_not_read_itself_is_still_read_and_checked_at_load() {
        ConfigReader reader = new ConfigReader(null, Map.of("MAX_TEXT", "many", "LANES_WORKERS", "8"), Map.of(),
                dir, dir);

        ConfigValues values = reader.effective(List.of(Keys.MAX_TEXT, Keys.LANES_WORKERS));

        assertThat(values.get(Keys.LANES_WORKERS)).isEqualTo(8);
        assertThat(values.get(Keys.MAX_TEXT)).isEqualTo(4096);
        assertThat(reader.problems()).extracting(ConfigProblem::toString)
                .containsExactly("max_text (env MAX_TEXT) = \"many\": must be a whole number of at least 1");
    }
}
