package dev.dingbot.app.cli;

import dev.dingbot.app.Launcher;
import dev.dingbot.app.config.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class CommandLineTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final RecordingLauncher launcher = new RecordingLauncher();
    Map<String, String> env = Map.of();

    /** Remembers what it was asked to do. */
    static final class RecordingLauncher implements Launcher {
        final List<String> calls = new ArrayList<>();
        AppConfig config;

        @Override
        public int run(AppConfig c) {
            calls.add("run");
            config = c;
            return 0;
        }

        @Override
        public int chat(AppConfig c, InputStream in, PrintStream o) {
            calls.add("chat");
            config = c;
            return 0;
        }

        @Override
        public int check(AppConfig c, PrintStream o) {
            calls.add("check");
            config = c;
            o.println("connections fine");
            return 0;
        }
    }

    int dingbot(String... args) {
        CliContext ctx = new CliContext(launcher, env, dir, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return DingbotCommand.commandLine(ctx).execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void init_writes_a_starter_config_and_prompts_and_names_the_three_values_to_fill_in() throws Exception {
        assertThat(dingbot("init")).isZero();

        assertThat(dir.resolve("config.yml")).content().contains("api_key:", "client_id:", "client_secret:");
        assertThat(dir.resolve("prompt.yml")).content().contains("#周报", "#解释代码");
        assertThat(out()).contains("api_key", "client_id", "client_secret", "dingbot run");
    }

    @Test
    void init_writes_the_config_and_the_prompts_readable_by_their_owner_only() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");

        assertThat(dingbot("init")).isZero();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.yml"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("prompt.yml"))))
                .isEqualTo("rw-------");
    }

    @Test
    void init_never_overwrites_existing_files() throws Exception {
        Files.writeString(dir.resolve("config.yml"), "api_key: mine\n");

        assertThat(dingbot("init")).isZero();

        assertThat(dir.resolve("config.yml")).hasContent("api_key: mine");
        assertThat(dir.resolve("prompt.yml")).exists();
        assertThat(out()).contains("kept", "nothing overwritten");
    }

    @Test
    void a_freshly_initialised_directory_runs_with_the_starter_config() {
        dingbot("init");

        assertThat(dingbot()).isZero();

        assertThat(launcher.calls).containsExactly("run");
        assertThat(launcher.config.templates()).hasSize(23);
        assertThat(launcher.config.runMode()).isEqualTo(AppConfig.RunMode.STREAM);
    }

    @Test
    void a_missing_config_file_says_to_run_init_and_exits_2_without_a_stack_trace() {
        assertThat(dingbot("run")).isEqualTo(2);

        assertThat(err()).contains("no configuration file", "dingbot init", "api_key", "client_id", "client_secret")
                .doesNotContain("Exception", "\tat ");
        assertThat(launcher.calls).isEmpty();
    }

    @Test
    void an_explicit_config_path_that_does_not_exist_is_reported_even_with_env() {
        env = Map.of("APIKEY", "k");

        assertThat(dingbot("check", "--config", "elsewhere.yml")).isEqualTo(2);

        assertThat(err()).contains("elsewhere.yml", "dingbot init");
    }

    @Test
    void configuration_problems_are_printed_together_and_exit_2() throws Exception {
        dingbot("init");
        Files.writeString(dir.resolve("config.yml"), "run_mode: ws\nchat_type: 9\nmax_text: -3\n");

        assertThat(dingbot("run")).isEqualTo(2);

        assertThat(err()).contains("has 4 problems", "run_mode = \"ws\"", "chat_type = \"9\"", "max_text = \"-3\"",
                "api key required").doesNotContain("Exception", "\tat ");
        assertThat(launcher.calls).isEmpty();
    }

    @Test
    void with_no_config_file_the_environment_alone_configures_the_bot() {
        dingbot("init", "--dir", "unused");
        env = Map.of("APIKEY", "sk-env", "PROMPT_FILE", "unused/prompt.yml");

        assertThat(dingbot("chat")).isZero();

        assertThat(launcher.calls).containsExactly("chat");
        assertThat(launcher.config.llm().apiKey().reveal()).isEqualTo("sk-env");
    }

    @Test
    void options_before_or_after_the_command_beat_env_and_file() throws Exception {
        dingbot("init");
        env = Map.of("PORT", "7000", "STORAGE_DATA_DIR", "env-data");

        assertThat(dingbot("--port", "7001", "run", "--data-dir", "flag-data", "--log-level", "debug")).isZero();

        assertThat(launcher.config.server().port()).isEqualTo(7001);
        assertThat(launcher.config.storage().dataDir()).isEqualTo(dir.resolve("flag-data"));
        assertThat(launcher.config.logLevel()).isEqualTo("debug");
    }

    @Test
    void check_prints_the_effective_configuration_without_secrets_then_the_launchers_checks() throws Exception {
        dingbot("init");
        Files.writeString(dir.resolve("config.yml"), Files.readString(dir.resolve("config.yml"))
                .replace("put-your-api-key-here", "sk-very-secret-value")
                .replace("put-your-client-secret-here", "very-secret-app-secret"));

        assertThat(dingbot("check")).isZero();

        assertThat(out()).contains("Effective configuration:", "api_key: ***", "put-your-client-id-here:***",
                "connections fine").doesNotContain("sk-very-secret-value", "very-secret-app-secret");
    }

    @Test
    void check_prints_a_base_url_without_its_userinfo() throws Exception {
        dingbot("init");
        env = Map.of("BASE_URL", "https://llm-user:base-url-pass@llm.example/v1");

        assertThat(dingbot("check")).isZero();

        assertThat(out()).contains("base_url: https://***@llm.example/v1").doesNotContain("base-url-pass", "llm-user");
        assertThat(launcher.config.toString()).doesNotContain("base-url-pass");
        assertThat(launcher.config.modelConfig().toString()).doesNotContain("base-url-pass");
    }

    @Test
    void a_malformed_proxy_url_is_reported_without_its_password() throws Exception {
        dingbot("init");
        for (String proxy : List.of("http://proxy-user:hunter 2@proxy:3128", "proxy-user:hunter2@proxy:3128",
                "ftp://proxy-user:hunter2@proxy:21")) {
            env = Map.of("HTTP_PROXY", proxy);
            err.reset();

            assertThat(dingbot("check")).as(proxy).isEqualTo(2);

            assertThat(err()).as(proxy).contains("http_proxy", "***@proxy").doesNotContain("hunter", "proxy-user");
        }
    }

    @Test
    void version_and_help_read_like_a_manual() {
        assertThat(dingbot("version")).isZero();
        assertThat(out()).startsWith("dingbot ").contains("Java ");

        out.reset();
        assertThat(dingbot("--help")).isZero();
        assertThat(out()).contains("Getting started:", "dingbot init", "run", "chat", "check", "version",
                "--config", "--data-dir", "--port", "--log-level", "Exit codes:", "APIKEY");
    }

    @Test
    void an_unknown_option_is_a_usage_error() {
        assertThat(dingbot("--frobnicate")).isEqualTo(2);

        assertThat(err()).contains("Unknown option");
    }

    @Test
    void a_usage_error_prints_the_short_usage_not_the_manual() {
        assertThat(dingbot("check", "--frobnicate")).isEqualTo(2);

        assertThat(err()).contains("Unknown option: '--frobnicate'", "Usage: dingbot check",
                "dingbot check --help").doesNotContain("Getting started:", "Exit codes:");
        assertThat(err().lines().count()).isLessThan(8);
    }

    @Test
    void help_works_after_every_command() {
        for (String command : List.of("run", "chat", "check", "init", "version")) {
            out.reset();
            assertThat(dingbot(command, "--help")).as(command + " --help").isZero();
            assertThat(out()).as(command + " --help").contains("Usage: dingbot " + command);
        }
    }
}
