package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import dev.dingbot.testkit.openai.FakeOpenAiServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything dingbot talks to, faked on loopback: the DingTalk Stream gateway with its OpenAPI and webhooks, and an
 * OpenAI-compatible server. Writes a config.yml pointing the bot at them.
 */
public final class FakeWorld implements AutoCloseable {

    public static final String CLIENT_ID = "dingrobotcode01";
    public static final String CLIENT_SECRET = "test-app-secret";
    public static final String API_KEY = "sk-system-test";

    public final FakeOpenAiServer openAi = FakeOpenAiServer.start();
    public final FakeDingTalkApi api = new FakeDingTalkApi().addApp(CLIENT_ID, CLIENT_SECRET);
    public final FakeDingTalkGateway gateway = new FakeDingTalkGateway(api).start();
    public final int httpPort = freePort();
    private String fsync = "batch";

    /**
     * The {@code storage.fsync} of configs written from now on. {@code never} still writes every record to the
     * kernel at once, so it survives SIGKILL, only not a power cut; it spares tests the slow disk flushes.
     */
    public FakeWorld fsync(String policy) {
        fsync = policy;
        return this;
    }

    /** Writes config.yml (with {@code extraYaml} appended) and prompt.yml into {@code dir}. */
    public Path writeConfig(Path dir, String extraYaml) throws IOException {
        return writeConfig(dir, "info", "stream", extraYaml);
    }

    /** Writes config.yml with this log level and run mode ({@code stream} or {@code http}), and prompt.yml. */
    public Path writeConfig(Path dir, String logLevel, String runMode, String extraYaml) throws IOException {
        try (var prompts = FakeWorld.class.getResourceAsStream("/dev/dingbot/app/starter/prompt.yml")) {
            Files.copy(prompts, dir.resolve("prompt.yml"));
        }
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
                storage:
                  data_dir: "%s"
                  fsync: %s
                server:
                  port: %d
                service_url: "http://127.0.0.1:%d"
                shutdown_grace: 20s
                """.formatted(logLevel, runMode, API_KEY, openAi.rootUrl(), CLIENT_ID, CLIENT_SECRET, gateway.apiBaseUrl(), gateway.apiBaseUrl(),
                dir.resolve("data").toString().replace("\\", "/"), fsync, httpPort, httpPort) + extraYaml;
        return Files.writeString(dir.resolve("config.yml"), yaml);
    }

    /** Pushes one message through the gateway and waits for the next reply the fake DingTalk accepts. */
    public ApiMessage ask(BotMessages message) throws InterruptedException {
        int before = api.messages().size();
        gateway.pushBotMessage(message.sessionWebhookBase(gateway.apiBaseUrl()).json());
        return awaitMessage(before, Duration.ofSeconds(20));
    }

    public ApiMessage awaitMessage(int before, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (api.messages().size() <= before) {
            if (System.nanoTime() > deadline) throw new AssertionError("no reply within " + timeout);
            Thread.sleep(20);
        }
        List<ApiMessage> messages = api.messages();
        return messages.get(before);
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
