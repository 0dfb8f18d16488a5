package dev.dingbot.app.providers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.app.system.BotProcess;
import dev.dingbot.app.system.FakeWorld;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chain of three providers through the real main: an OpenAI-compatible one nobody listens for, a second one
 * with a refused key and a good one, and Claude over the Messages API; switching models in chat.
 */
class ProvidersSystemTest {

    @TempDir
    static Path dir;
    static FakeWorld world;
    static FakeAnthropicServer claude;
    static BotProcess bot;

    @BeforeAll
    static void start() throws Exception {
        world = new FakeWorld();
        claude = FakeAnthropicServer.start().defaultAnswer("Claude here", 4);
        world.openAi.acceptKeys("sk-backup-good-bbbb");
        world.writeConfig(dir, """
                model_switch: "everyone"
                openai:
                  max_retries: 0
                providers:
                  - name: "primary"
                    kind: "openai"
                    base_url: "http://127.0.0.1:%d"
                    api_key: "sk-primary-key-0001"
                    models: ["gpt-4o-mini"]
                  - name: "backup"
                    kind: "openai"
                    base_url: "%s"
                    api_keys: ["sk-backup-refused-aaaa", "sk-backup-good-bbbb"]
                    models: ["gpt-4o-mini", "gpt-4o"]
                  - name: "claude"
                    kind: "anthropic"
                    base_url: "%s"
                    api_key: "sk-ant-key-cccc"
                    models: ["claude-sonnet-4-5"]
                """.formatted(closedPort(), world.openAi.rootUrl(), claude.baseUrl()));
        bot = world.runStreamBot(dir);
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
        if (claude != null) claude.close();
        if (world != null) world.close();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static BotMessages from(String user, String text) {
        return BotMessages.privateChat().sender(user, "Nick " + user).text(text);
    }

    @Test
    void a_question_the_first_provider_cannot_answer_is_answered_by_the_next_whose_refused_key_is_benched()
            throws Exception {
        String answer = world.ask(from("chain-user-1", "你好")).text();

        assertThat(answer).contains("hello world");
        assertThat(world.openAi.keysUsed()).containsSubsequence("sk-backup-refused-aaaa", "sk-backup-good-bbbb");
        bot.awaitOutput("…aaaa", java.time.Duration.ofSeconds(10));
        assertThat(bot.output()).contains("model provider primary failed (NETWORK)")
                .doesNotContain("sk-backup-refused-aaaa").doesNotContain("sk-primary-key-0001");
    }

    @Test
    void the_model_command_lists_every_providers_models_and_a_switch_sends_the_conversation_to_claude()
            throws Exception {
        String list = world.ask(from("chain-user-2", "模型")).text();
        assertThat(list).contains("- gpt-4o-mini ✅ 当前", "- gpt-4o", "- claude-sonnet-4-5", "#模型 模型名");

        assertThat(world.ask(from("chain-user-2", "#模型 claude-sonnet-4-5")).text())
                .contains("使用模型 claude-sonnet-4-5");
        int before = claude.requestCount();
        String answer = world.ask(from("chain-user-2", "你是谁？")).text();

        assertThat(answer).contains("Claude here");
        assertThat(claude.requestCount()).isEqualTo(before + 1);
        JsonNode sent = claude.takeRequestJson();
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(world.ask(from("chain-user-3", "模型")).text()).as("another conversation keeps the default")
                .contains("- gpt-4o-mini ✅ 当前");
    }
}
