package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import dev.dingbot.testkit.anthropic.ScriptedMessage;
import dev.dingbot.testkit.openai.ScriptedToolCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ToolUseTest {

    private static final ToolDefinition WHOIS = ToolDefinition.builtIn("whois", "Looks up who registered a domain.",
            "{\"type\":\"object\",\"properties\":{\"domain\":{\"type\":\"string\"}},\"required\":[\"domain\"]}");
    private static final ToolDefinition CLOCK = ToolDefinition.builtIn("clock", "", "not a schema");

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private final AnthropicProvider provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build());

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private static ChatRequest asking(List<ChatTurn> turns) {
        return new ChatRequest(turns, "u", 100, List.of(WHOIS, CLOCK));
    }

    @Test
    void offered_tools_go_out_with_name_description_and_input_schema() {
        provider.chatModel().complete(asking(List.of(ChatTurn.user("who owns example.com?"))));

        JsonNode tools = server.takeRequestJson().path("tools");
        assertThat(tools).hasSize(2);
        assertThat(tools.get(0).path("name").asText()).isEqualTo("whois");
        assertThat(tools.get(0).path("description").asText()).isEqualTo("Looks up who registered a domain.");
        assertThat(tools.get(0).path("input_schema").path("required").get(0).asText()).isEqualTo("domain");
        assertThat(tools.get(1).has("description")).isFalse();
        assertThat(tools.get(1).path("input_schema").path("type").asText()).isEqualTo("object");
    }

    @Test
    void a_request_offering_no_tools_sends_no_tools_member() {
        provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(server.takeRequestJson().has("tools")).isFalse();
    }

    @Test
    void streamed_tool_use_blocks_are_assembled_from_their_input_json_deltas_into_whole_calls() {
        server.enqueueMessage(ScriptedMessage.toolUses("Let me look.", List.of(
                new ScriptedToolCall("toolu_01", "whois", "{\"domain\":\"example.com\"}"),
                new ScriptedToolCall("toolu_02", "clock", "{}"))));
        List<String> deltas = new ArrayList<>();

        ChatResult result = provider.chatModel().stream(asking(List.of(ChatTurn.user("who owns example.com?"))), deltas::add);

        assertThat(result.wantsTools()).isTrue();
        assertThat(result.toolCalls()).containsExactly(
                new ToolCall("toolu_01", "whois", "{\"domain\":\"example.com\"}"), new ToolCall("toolu_02", "clock", "{}"));
        assertThat(result.text()).isEqualTo("Let me look.");
        assertThat(String.join("", deltas)).isEqualTo("Let me look.");
    }

    @Test
    void a_whole_answer_asking_for_tools_gives_the_calls_with_their_input_as_json() {
        server.enqueueMessage(ScriptedMessage.toolUses("", List.of(
                new ScriptedToolCall("toolu_01", "whois", "{\"domain\":\"example.com\"}"))));

        ChatResult result = provider.chatModel().complete(asking(List.of(ChatTurn.user("who owns example.com?"))));

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.toolCalls()).containsExactly(new ToolCall("toolu_01", "whois", "{\"domain\":\"example.com\"}"));
    }

    @Test
    void the_next_round_sends_the_calls_as_tool_use_blocks_and_the_results_as_one_user_message_of_tool_result_blocks() {
        server.enqueueMessage(ScriptedMessage.toolUses("Let me look.", List.of(
                new ScriptedToolCall("toolu_01", "whois", "{\"domain\":\"example.com\"}"),
                new ScriptedToolCall("toolu_02", "clock", "{}"))));
        server.enqueueMessage(ScriptedMessage.text("example.com belongs to IANA."));
        ChatTurn question = ChatTurn.user("who owns example.com?");
        ChatResult first = provider.chatModel().stream(asking(List.of(ChatTurn.system("Be brief."), question)), d -> { });

        List<ChatTurn> next = new ArrayList<>(List.of(ChatTurn.system("Be brief."), question,
                ChatTurn.assistantCalling(first.text(), first.toolCalls())));
        next.add(ChatTurn.toolResult("toolu_01", "Registrant: IANA"));
        next.add(ChatTurn.toolResult("toolu_02", "2026-12-02T10:00:00Z"));
        ChatResult second = provider.chatModel().stream(asking(next), d -> { });

        server.takeRequest();
        JsonNode messages = server.takeRequestJson().path("messages");
        assertThat(second.status()).isEqualTo(ChatStatus.OK);
        assertThat(second.text()).isEqualTo("example.com belongs to IANA.");
        assertThat(messages).hasSize(3);
        JsonNode assistant = messages.get(1).path("content");
        assertThat(assistant.get(0).path("text").asText()).isEqualTo("Let me look.");
        assertThat(assistant.get(1).path("type").asText()).isEqualTo("tool_use");
        assertThat(assistant.get(1).path("id").asText()).isEqualTo("toolu_01");
        assertThat(assistant.get(1).path("input").path("domain").asText()).isEqualTo("example.com");
        JsonNode results = messages.get(2).path("content");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(results).extracting(b -> b.path("type").asText()).containsExactly("tool_result", "tool_result");
        assertThat(results).extracting(b -> b.path("tool_use_id").asText()).containsExactly("toolu_01", "toolu_02");
        assertThat(results.get(0).path("content").asText()).isEqualTo("Registrant: IANA");
    }

    @Test
    void a_tool_call_whose_arguments_are_not_an_object_goes_back_with_an_empty_input() {
        var turns = List.of(ChatTurn.user("time?"),
                ChatTurn.assistantCalling("", List.of(new ToolCall("toolu_9", "clock", "now please"))),
                ChatTurn.toolResult("toolu_9", "invalid arguments"));

        ChatResult result = provider.chatModel().complete(asking(turns));

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(server.takeRequestJson().path("messages").get(1).path("content").get(0).path("input").isEmpty()).isTrue();
    }
}
