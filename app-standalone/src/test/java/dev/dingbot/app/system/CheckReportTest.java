package dev.dingbot.app.system;

import dev.dingbot.app.cli.CliContext;
import dev.dingbot.app.cli.DingbotCommand;
import dev.dingbot.app.wiring.StandaloneLauncher;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.storage.postgres.PostgresSettings;
import dev.dingbot.storage.postgres.PostgresStorage;
import dev.dingbot.testkit.mcp.FakeMcpStdioServer;
import dev.dingbot.testkit.postgres.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dingbot check} with the real launcher against the loopback fakes: what its report says, and does not do. */
class CheckReportTest {

    @TempDir
    Path dir;

    final FakeWorld world = new FakeWorld();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final Map<String, String> env = new HashMap<>();

    @AfterEach
    void stop() {
        world.close();
    }

    int check() {
        CliContext ctx = new CliContext(new StandaloneLauncher(), env, dir, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        return DingbotCommand.commandLine(ctx).execute("check");
    }

    String report() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void with_postgres_storage_check_shows_the_schema_version_and_the_instances_running_on_it() throws Exception {
        LocalPostgres.Database database = LocalPostgres.start().createDatabase();
        world.writeConfig(dir, "");
        env.putAll(Map.of("STORAGE_KIND", "postgres", "STORAGE_POSTGRES_URL", database.jdbcUrl(),
                "STORAGE_POSTGRES_USER", database.user(), "INSTANCE_ID", "check-1"));

        try (PostgresStorage running = PostgresStorage.open(PostgresSettings.builder(database.jdbcUrl())
                .user(database.user()).instanceId("bot-a").build())) {
            assertThat(check()).as(report()).isZero();
            assertThat(running.liveInstances()).as("the check is not an instance").containsOnlyKeys("bot-a");
        }

        assertThat(report()).containsPattern("✔ PostgreSQL: schema version \\d+\n    live instances: bot-a\n")
                .doesNotContain("data dir");
    }

    @Test
    void with_postgres_storage_check_on_an_empty_database_says_the_first_start_creates_the_tables_and_creates_none()
            throws Exception {
        LocalPostgres.Database database = LocalPostgres.start().createDatabase();
        world.writeConfig(dir, "");
        env.putAll(Map.of("STORAGE_KIND", "postgres", "STORAGE_POSTGRES_URL", database.jdbcUrl(),
                "STORAGE_POSTGRES_USER", database.user()));

        assertThat(check()).as(report()).isZero();
        assertThat(check()).as("checked again").isZero();

        assertThat(report()).contains("✔ PostgreSQL: no dingbot tables yet; the first start creates them\n"
                + "    live instances: none\n").doesNotContain("schema version");
    }

    @Test
    void with_postgres_storage_a_database_that_does_not_answer_gets_a_cross_and_the_fix() throws Exception {
        world.writeConfig(dir, "");
        env.putAll(Map.of("STORAGE_KIND", "postgres",
                "STORAGE_POSTGRES_URL", "postgres://dingbot:pg-s3cret@127.0.0.1:" + closedPort() + "/dingbot"));

        assertThat(check()).isEqualTo(1);

        assertThat(report()).contains("✘ PostgreSQL: cannot reach PostgreSQL at 127.0.0.1:",
                "fix: start the database, or point storage.postgres.url at one that runs").doesNotContain("pg-s3cret");
    }

    @Test
    void with_providers_check_asks_every_key_of_every_provider_and_shows_each_by_its_last_four_characters()
            throws Exception {
        world.openAi.acceptKeys("sk-good-key-1111");
        world.writeConfig(dir, """
                providers:
                  - name: "main"
                    kind: "openai"
                    base_url: "%s"
                    api_keys: ["sk-good-key-1111", "sk-bad-key-2222"]
                    models: ["gpt-4o-mini", "gpt-4o-mni"]
                """.formatted(world.openAi.rootUrl()));

        assertThat(check()).as(report()).isEqualTo(1);

        assertThat(report()).contains("✔ provider main (openai): key …1111 works",
                "✘ provider main (openai): key …2222 is refused", "fix: replace that key in providers[0].api_keys",
                "✘ provider main (openai): model gpt-4o-mni is not among the")
                .doesNotContain("sk-good-key-1111").doesNotContain("sk-bad-key-2222");
    }

    @Test
    void a_misspelled_model_gets_a_cross_and_the_closest_names_the_server_lists() throws Exception {
        world.writeConfig(dir, "");
        env.put("MODEL", "gpt-4o-mni");

        assertThat(check()).as(report()).isEqualTo(1);

        assertThat(report()).contains("✘ model gpt-4o-mni is not among the 1 models the server lists; closest: "
                + "gpt-4o-mini", "fix: set model to one of the names the server lists");
    }

    @Test
    void a_refused_connection_and_a_host_that_does_not_answer_get_their_own_message_and_fix() throws Exception {
        world.writeConfig(dir, "");
        int closed = closedPort();
        env.put("BASE_URL", "http://127.0.0.1:" + closed);
        env.put("DINGTALK_API_HOST", "http://127.0.0.1:" + closed);

        assertThat(check()).isEqualTo(1);
        assertThat(report()).contains("connection refused at 127.0.0.1:" + closed + ": nothing listens there",
                "fix: check base_url and its port", "fix: check dingtalk.api_host and its port")
                .doesNotContain("not reachable");

        out.reset();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            env.put("BASE_URL", "http://127.0.0.1:" + silent.getLocalPort());
            env.put("OPENAI_READ_TIMEOUT", "300ms");
            env.remove("DINGTALK_API_HOST");

            assertThat(check()).isEqualTo(1);
        }
        assertThat(report()).contains("127.0.0.1 not reachable", "fix: check the network, DNS and http_proxy")
                .doesNotContain("connection refused");
    }

    @Test
    void the_placeholders_of_init_are_flagged_and_nothing_is_asked_with_them() throws Exception {
        CliContext init = new CliContext(new StandaloneLauncher(), Map.of(), dir, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertThat(DingbotCommand.commandLine(init).execute("init")).isZero();
        pointAtTheFakes();

        assertThat(check()).isEqualTo(1);

        assertThat(report()).contains("api_key is still the example's placeholder",
                "✘ DingTalk app put-your-client-id-here: client_id or client_secret is still the example's "
                        + "placeholder");
        assertThat(world.openAi.requestCount()).as("requests to the model").isZero();
        assertThat(world.api.requests(FakeDingTalkApi.TOKEN)).as("token requests").isEmpty();
    }

    @Test
    void the_placeholders_of_the_originals_example_are_flagged_and_nothing_is_asked_with_them() throws Exception {
        world.writeConfig(dir, "");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, Files.readString(config)
                .replace("api_key: \"" + FakeWorld.API_KEY + "\"", "api_key: \"xxxxxxxxx\"")
                .replaceAll("service_url: .*", "service_url: \"http://xxxxxx\""));

        assertThat(check()).isEqualTo(1);

        assertThat(report()).contains("api_key is still the example's placeholder",
                "✘ service_url http://xxxxxx is still the example's placeholder");
        assertThat(world.openAi.requestCount()).isZero();
    }

    @Test
    void check_lists_each_mcp_server_whether_it_started_and_its_tools_and_stops_them_again() throws Exception {
        FakeMcpStdioServer.CommandLine fake = FakeMcpStdioServer.commandLine(null);
        String args = fake.args().stream().map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        world.writeConfig(dir, "mcp_servers:\n  ops:\n    command: \"" + fake.command() + "\"\n    args: " + args
                + "\n  broken:\n    command: \"no-such-mcp-program-xyz\"\n");

        assertThat(check()).as(report()).isEqualTo(1);

        assertThat(report()).contains("✔ built-in tools: whois, tls_certificate")
                .contains("✔ mcp ops: running, 7 tools [ops_echo, ops_slow, ops_fail, ops_crash, ops_picture, ops_env, ops_grow]")
                .contains("✘ mcp broken: failed (no program no-such-mcp-program-xyz on the PATH)\n").contains("fix: check mcp_servers.broken: its command and args");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(FakeMcpStdioServer.class.getName())))
                .as("the servers check started are stopped").isEmpty();
    }

    @Test
    void check_creates_no_data_dir() throws Exception {
        world.writeConfig(dir, "");

        assertThat(check()).as(report()).isZero();

        assertThat(report()).contains("✔ data dir " + dir.resolve("data") + " does not exist yet");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void the_report_holds_no_log_lines_even_when_a_probe_fails() throws Exception {
        world.writeConfig(dir, "");
        Path config = dir.resolve("config.yml");
        Files.writeString(config, Files.readString(config).replace(FakeWorld.CLIENT_SECRET, "a-wrong-secret"));

        try (BotProcess check = BotProcess.start(dir, "check", "--config", config.toString())) {
            assertThat(check.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(check.output()).contains("✘ DingTalk app " + FakeWorld.CLIENT_ID + ": DingTalk rejected its AppKey/AppSecret")
                    .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");
        }
    }

    private void pointAtTheFakes() {
        env.put("BASE_URL", world.openAi.rootUrl());
        env.put("DINGTALK_API_HOST", world.gateway.apiBaseUrl());
        env.put("STORAGE_DATA_DIR", dir.resolve("data").toString());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
