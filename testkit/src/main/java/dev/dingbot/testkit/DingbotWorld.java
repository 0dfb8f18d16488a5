package dev.dingbot.testkit;

import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import dev.dingbot.testkit.openai.FakeOpenAiServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Everything a running dingbot talks to, faked on loopback: the DingTalk Stream gateway with its OpenAPI and
 * webhooks, and an OpenAI-compatible server; and the config.yml that points a bot at them. Shared by the system
 * tests and the system benchmarks.
 */
public final class DingbotWorld implements AutoCloseable {

    public static final String CLIENT_ID = "dingrobotcode01";
    public static final String CLIENT_SECRET = "test-app-secret";
    public static final String API_KEY = "sk-system-test";

    public final FakeOpenAiServer openAi = FakeOpenAiServer.start();
    public final FakeDingTalkApi api = new FakeDingTalkApi().addApp(CLIENT_ID, CLIENT_SECRET);
    public final FakeDingTalkGateway gateway = new FakeDingTalkGateway(api).acceptOnly(api::knows).start();
    /** The port the bot's HTTP server is told to listen on. */
    public final int httpPort = freePort();

    /** What a written config.yml says beyond pointing the bot at this world. */
    public record BotConfig(String logLevel, String runMode, String fsync, String dingtalkKeys, String extraYaml) {

        /** Stream mode, info logging, batch fsync, nothing extra. */
        public static BotConfig defaults() {
            return new BotConfig("info", "stream", "batch", "", "");
        }

        public BotConfig withLogLevel(String value) {
            return new BotConfig(value, runMode, fsync, dingtalkKeys, extraYaml);
        }

        public BotConfig withRunMode(String value) {
            return new BotConfig(logLevel, value, fsync, dingtalkKeys, extraYaml);
        }

        public BotConfig withFsync(String value) {
            return new BotConfig(logLevel, runMode, value, dingtalkKeys, extraYaml);
        }

        /** Keys written under {@code dingtalk:}, one per line. */
        public BotConfig withDingtalkKeys(String value) {
            return new BotConfig(logLevel, runMode, fsync, value, extraYaml);
        }

        /** Top-level keys appended to the file. */
        public BotConfig withExtraYaml(String value) {
            return new BotConfig(logLevel, runMode, fsync, dingtalkKeys, value);
        }
    }

    /** Writes {@code dir/config.yml} as {@code config} says, and copies {@code promptYml} beside it. */
    public Path writeConfig(Path dir, Path promptYml, BotConfig config) throws IOException {
        Files.createDirectories(dir);
        Files.copy(promptYml, dir.resolve("prompt.yml"), StandardCopyOption.REPLACE_EXISTING);
        String yaml = """
                log_level: %s
                run_mode: %s
                api_key: "%s"
                base_url: "%s"
                model: "gpt-4o-mini"
                credentials:
                  - client_id: "%s"
                    client_secret: "%s"
                dingtalk:
                  api_host: "%s"
                  oapi_host: "%s"
                %s
                storage:
                  data_dir: "%s"
                  fsync: %s
                server:
                  port: %d
                service_url: "http://127.0.0.1:%d"
                """.formatted(config.logLevel(), config.runMode(), API_KEY, openAi.rootUrl(), CLIENT_ID, CLIENT_SECRET,
                gateway.apiBaseUrl(), gateway.apiBaseUrl(), config.dingtalkKeys().indent(2).stripTrailing(),
                dir.resolve("data").toString().replace("\\", "/"), config.fsync(), httpPort, httpPort)
                + config.extraYaml();
        return Files.writeString(dir.resolve("config.yml"), yaml);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        openAi.close();
    }
}
