package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import dev.dingbot.testkit.openai.FakeOpenAiServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the bot talks to, on loopback in this JVM: the DingTalk Stream gateway with its OpenAPI and
 * webhooks, and an OpenAI-compatible server. Writes the config.yml a child bot is started with.
 */
final class World implements AutoCloseable {

    static final String CLIENT_ID = "dingrobotcode01";
    private static final String CLIENT_SECRET = "bench-app-secret";

    final FakeOpenAiServer openAi = FakeOpenAiServer.start();
    final FakeDingTalkApi api = new FakeDingTalkApi().addApp(CLIENT_ID, CLIENT_SECRET);
    final FakeDingTalkGateway gateway = new FakeDingTalkGateway(api).start();

    /**
     * Writes config.yml (base keys, {@code dingtalkKeys} indented under {@code dingtalk:}, then {@code extraYaml})
     * and the repository's prompt.yml into {@code dir}.
     */
    Path writeConfig(Path repoRoot, Path dir, String dingtalkKeys, String extraYaml) throws IOException {
        Files.createDirectories(dir);
        Files.copy(repoRoot.resolve("prompt.yml"), dir.resolve("prompt.yml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int port = freePort();
        String yaml = """
                log_level: info
                run_mode: stream
                api_key: "sk-bench"
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
                server:
                  port: %d
                shutdown_grace: 5s
                """.formatted(openAi.rootUrl(), CLIENT_ID, CLIENT_SECRET,
                gateway.apiBaseUrl(), gateway.apiBaseUrl(), dingtalkKeys.indent(2).stripTrailing(),
                dir.resolve("data").toString().replace("\\", "/"), port) + extraYaml;
        return Files.writeString(dir.resolve("config.yml"), yaml);
    }

    /** A private message from its own user (so that it gets a lane of its own), replying to the fake webhook. */
    BotMessages privateFrom(String staffId, String text) {
        return BotMessages.privateChat().sender(staffId, "User " + staffId).text(text)
                .sessionWebhookBase(gateway.apiBaseUrl());
    }

    /** A group message in a group of its own (so that its AI card has a space of its own). */
    BotMessages groupOf(String conversationId, String staffId, String text) {
        return BotMessages.group().conversation(conversationId, "Bench " + conversationId)
                .sender(staffId, "User " + staffId).text(text).sessionWebhookBase(gateway.apiBaseUrl());
    }

    List<ApiRequest> requests(String path) {
        return api.requests(path);
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
