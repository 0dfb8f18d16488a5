package dev.dingbot.app.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import dev.dingbot.testkit.mcp.FakeMcpStdioServer;
import dev.dingbot.testkit.openai.ScriptedToolCall;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static dev.dingbot.app.tools.ModelRequests.chatRequests;
import static dev.dingbot.app.tools.ModelRequests.toolMessages;
import static dev.dingbot.app.tools.ModelRequests.toolNames;
import static org.assertj.core.api.Assertions.assertThat;

/** Tools of MCP servers through the real main: a fake stdio server the bot starts, and a fake Streamable HTTP one. */
class McpToolsSystemTest extends BotInFakeWorld {

    /** The config lines of a stdio server named {@code name} running the fake, recording to {@code record}. */
    private static String stdioServer(String name, Path record, String extra) {
        FakeMcpStdioServer.CommandLine line = FakeMcpStdioServer.commandLine(record);
        String args = line.args().stream().map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
        return "  " + name + ":\n    command: \"" + line.command() + "\"\n    args: " + args + "\n" + extra;
    }

    private String readyz() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + world.httpPort + "/readyz")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitReadyzShows(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = readyz();
            if (last.contains(text)) return;
            Thread.sleep(100);
        }
        throw new AssertionError("/readyz never showed " + text + ":\n" + last + "\n" + bot.output());
    }

    private void startBot(String yaml) throws Exception {
        world.writeConfig(dir, yaml);
        bot = world.runStreamBot(dir);
    }

    @Test
    void a_stdio_servers_tool_is_called_and_its_output_goes_back_to_the_model_with_the_matching_call_id() throws Exception {
        Path record = dir.resolve("ops-received.jsonl");
        world.openAi.defaultAnswer("回声是 hello。", 4, Duration.ZERO, Duration.ZERO)
                .enqueueToolCalls(List.of(new ScriptedToolCall("call_echo_1", "ops_echo", "{\"text\":\"hello\"}")));
        startBot("mcp_servers:\n" + stdioServer("ops", record, ""));
        awaitReadyzShows("mcp ops: running");

        assertThat(world.ask(BotMessages.privateChat().text("回声一下")).text()).isEqualTo("回声是 hello。");

        List<JsonNode> requests = chatRequests(world.openAi);
        assertThat(toolNames(requests.get(0))).contains("ops_echo", "ops_slow", "ops_fail", "ops_crash", "whois");
        assertThat(toolMessages(requests.get(1))).singleElement().satisfies(m -> {
            assertThat(m.path("tool_call_id").asText()).isEqualTo("call_echo_1");
            assertThat(m.path("content").asText()).isEqualTo("hello");
        });
        assertThat(FakeMcpStdioServer.recorded(record)).anySatisfy(received -> {
            assertThat(received.method()).isEqualTo("tools/call");
            assertThat(received.params().path("name").asText()).isEqualTo("echo");
        });
        bot.awaitOutput("tool ops/echo: ok", Duration.ofSeconds(5));
    }

    @Test
    void a_tool_error_and_a_timeout_go_back_to_the_model_as_those_calls_results_and_the_user_still_gets_an_answer()
            throws Exception {
        world.openAi.defaultAnswer("两个工具都没成功。", 4, Duration.ZERO, Duration.ZERO)
                .enqueueToolCalls(List.of(new ScriptedToolCall("c_fail", "ops_fail", "{}"),
                        new ScriptedToolCall("c_slow", "ops_slow", "{\"millis\": 5000}")));
        startBot("tools:\n  call_timeout: 1s\nmcp_servers:\n" + stdioServer("ops", null, ""));
        awaitReadyzShows("mcp ops: running");

        assertThat(world.ask(BotMessages.privateChat().text("试试")).text()).isEqualTo("两个工具都没成功。");

        List<JsonNode> results = toolMessages(chatRequests(world.openAi).get(1));
        assertThat(results).extracting(m -> m.path("tool_call_id").asText()).containsExactly("c_fail", "c_slow");
        assertThat(results.get(0).path("content").asText()).startsWith("Error (tool_error):");
        assertThat(results.get(1).path("content").asText()).startsWith("Error (timeout):");
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + world.httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("dingbot_tool_calls_total{server=\"ops\",tool=\"fail\",outcome=\"tool_error\"} 1")
                .contains("dingbot_tool_calls_total{server=\"ops\",tool=\"slow\",outcome=\"timeout\"} 1")
                .contains("dingbot_tool_call_duration_seconds_count{server=\"ops\"} 2");
    }

    @Test
    void a_crashed_stdio_server_makes_its_call_unavailable_and_is_started_again_on_its_next_use() throws Exception {
        world.openAi.defaultAnswer("好的。", 4, Duration.ZERO, Duration.ZERO)
                .enqueueToolCalls(List.of(new ScriptedToolCall("c_crash", "ops_crash", "{}")));
        startBot("mcp_servers:\n" + stdioServer("ops", null, ""));
        awaitReadyzShows("mcp ops: running");

        world.ask(BotMessages.privateChat().text("把它弄坏"));
        assertThat(toolMessages(chatRequests(world.openAi).get(1)).get(0).path("content").asText()).startsWith("Error (unavailable):");

        world.openAi.enqueueToolCalls(List.of(new ScriptedToolCall("c_echo", "ops_echo", "{\"text\":\"back\"}")));
        world.ask(BotMessages.privateChat().text("再试一次"));
        List<JsonNode> later = chatRequests(world.openAi);
        assertThat(toolMessages(later.get(later.size() - 1))).singleElement()
                .satisfies(m -> assertThat(m.path("content").asText()).isEqualTo("back"));
    }

    @Test
    void an_admin_only_servers_tools_are_offered_to_admins_and_not_to_anyone_else() throws Exception {
        startBot("admin_users: [\"admin01\"]\nmcp_servers:\n" + stdioServer("ops", null, "")
                + stdioServer("root", null, "    admin_only: true\n"));
        awaitReadyzShows("mcp root: running");

        world.ask(BotMessages.privateChat().text("普通用户的问题"));
        world.ask(BotMessages.privateChat().sender("admin01", "Boss").text("管理员的问题"));

        List<JsonNode> requests = chatRequests(world.openAi);
        assertThat(toolNames(requests.get(0))).contains("ops_echo").noneMatch(name -> name.startsWith("root_"));
        assertThat(toolNames(requests.get(1))).contains("ops_echo", "root_echo");
    }

    @Test
    void a_streamable_http_servers_tool_is_called_with_the_configured_headers() throws Exception {
        try (FakeMcpHttpServer docs = FakeMcpHttpServer.start()) {
            world.openAi.defaultAnswer("文档里写着 manual。", 4, Duration.ZERO, Duration.ZERO)
                    .enqueueToolCalls(List.of(new ScriptedToolCall("c_docs", "docs_echo", "{\"text\":\"manual\"}")));
            startBot("mcp_servers:\n  docs:\n    url: \"" + docs.url() + "\"\n    headers: {\"Authorization\": \"Bearer docs-token-123\"}\n");
            awaitReadyzShows("mcp docs: running");

            assertThat(world.ask(BotMessages.privateChat().text("查文档")).text()).isEqualTo("文档里写着 manual。");

            assertThat(toolMessages(chatRequests(world.openAi).get(1))).singleElement()
                    .satisfies(m -> assertThat(m.path("content").asText()).isEqualTo("manual"));
            assertThat(docs.protocol().toolsCalled()).containsExactly("echo");
            assertThat(docs.requestHeaders()).allSatisfy(headers -> assertThat(headers.get("Authorization"))
                    .containsExactly("Bearer docs-token-123"));
            assertThat(bot.output()).doesNotContain("docs-token-123");
        }
    }

    @Test
    void a_server_that_cannot_start_is_shown_on_readyz_and_logged_while_the_bot_answers_without_it() throws Exception {
        startBot("mcp_servers:\n  broken:\n    command: \"no-such-mcp-program-xyz\"\n");
        awaitReadyzShows("info mcp broken: failed");

        assertThat(readyz()).startsWith("ready\n");
        assertThat(world.ask(BotMessages.privateChat().text("你好")).text()).isNotBlank();
        assertThat(toolNames(chatRequests(world.openAi).get(0))).noneMatch(name -> name.startsWith("broken_"));
        assertThat(bot.output()).contains("no-such-mcp-program-xyz");
    }
}
