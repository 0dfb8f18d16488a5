package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.modelhttp.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatBodiesTest {

    private final ChatBodies bodies = new ChatBodies(OpenAiSettings.builder("http://127.0.0.1:1/v1", "k", "gpt-4o-mini")
            .temperature(0.5).build(), true);

    @Test
    void a_request_without_tools_is_encoded_byte_for_byte_as_before_tools_existed() {
        var request = new ChatRequest(List.of(ChatTurn.system("sys"), ChatTurn.user("q1"), ChatTurn.assistant("a1"),
                ChatTurn.user("q2")), "user-42", 100);

        assertThat(bodies.encode(request, true)).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"q1\"},"
                + "{\"role\":\"assistant\",\"content\":\"a1\"},{\"role\":\"user\",\"content\":\"q2\"}],"
                + "\"temperature\":0.5,\"max_tokens\":100,\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"user\":\"user-42\"}");
        assertThat(bodies.encode(request, false)).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"q1\"},"
                + "{\"role\":\"assistant\",\"content\":\"a1\"},{\"role\":\"user\",\"content\":\"q2\"}],"
                + "\"temperature\":0.5,\"max_tokens\":100,\"user\":\"user-42\"}");
    }

    @Test
    void a_request_naming_a_model_sends_that_name_and_one_leaving_it_open_the_configured_one() {
        var named = new ChatRequest(List.of(ChatTurn.user("q")), "", 100, List.of(), "gpt-4o");
        var open = new ChatRequest(List.of(ChatTurn.user("q")), "", 100, List.of(), "");

        assertThat(encoded(named).get("model").asText()).isEqualTo("gpt-4o");
        assertThat(encoded(open).get("model").asText()).isEqualTo("gpt-4o-mini");
    }

    private static final ToolDefinition WHOIS = ToolDefinition.builtIn("whois", "Looks a domain up",
            "{\"type\":\"object\",\"properties\":{\"domain\":{\"type\":\"string\"}},\"required\":[\"domain\"]}");

    private JsonNode encoded(ChatRequest request) {
        return Json.parseOrNull(bodies.encode(request, false));
    }

    @Test
    void offered_tools_are_sent_as_functions_with_their_schema_as_an_object_and_tool_choice_auto() {
        var request = new ChatRequest(List.of(ChatTurn.user("who owns a.cn?")), "", 100,
                List.of(WHOIS, ToolDefinition.builtIn("time", "", null)));

        JsonNode body = encoded(request);

        assertThat(body.get("tool_choice").asText()).isEqualTo("auto");
        assertThat(body.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("whois");
        assertThat(body.at("/tools/0/function/description").asText()).isEqualTo("Looks a domain up");
        assertThat(body.at("/tools/0/function/parameters").isObject()).isTrue();
        assertThat(body.at("/tools/0/function/parameters/properties/domain/type").asText()).isEqualTo("string");
        assertThat(body.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("domain");
        assertThat(body.at("/tools/1/function/name").asText()).isEqualTo("time");
        assertThat(body.at("/tools/1/function").has("description")).isFalse();
        assertThat(body.at("/tools/1/function/parameters").toString()).isEqualTo(ToolDefinition.ANY_OBJECT);
    }

    @Test
    void a_schema_that_is_not_a_json_object_is_sent_as_any_object() {
        var request = new ChatRequest(List.of(ChatTurn.user("q")), "", 100,
                List.of(ToolDefinition.builtIn("broken", "d", "not json"), ToolDefinition.builtIn("list", "d", "[1]")));

        JsonNode tools = encoded(request).get("tools");

        assertThat(tools.get(0).at("/function/parameters").toString()).isEqualTo(ToolDefinition.ANY_OBJECT);
        assertThat(tools.get(1).at("/function/parameters").toString()).isEqualTo(ToolDefinition.ANY_OBJECT);
    }

    @Test
    void an_assistant_turn_with_calls_carries_tool_calls_and_null_content_when_it_wrote_nothing() {
        var calls = List.of(new ToolCall("call_1", "whois", "{\"domain\":\"a.cn\"}"), new ToolCall("call_2", "time", "{}"));
        var request = new ChatRequest(List.of(ChatTurn.user("q"), ChatTurn.assistantCalling("", calls),
                ChatTurn.assistantCalling("Let me look.", calls.subList(1, 2))), "", 100);

        JsonNode messages = encoded(request).get("messages");

        assertThat(messages.get(1).toString()).isEqualTo("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"whois\",\"arguments\":\"{\\\"domain\\\":\\\"a.cn\\\"}\"}},"
                + "{\"id\":\"call_2\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}]}");
        assertThat(messages.get(2).get("content").asText()).isEqualTo("Let me look.");
        assertThat(messages.get(2).at("/tool_calls/0/id").asText()).isEqualTo("call_2");
    }

    @Test
    void a_tool_result_is_a_tool_message_naming_the_call_it_answers() {
        var request = new ChatRequest(List.of(ChatTurn.user("q"), ChatTurn.toolResult("call_1", "a.cn: Alibaba")), "", 100);

        assertThat(encoded(request).at("/messages/1").toString())
                .isEqualTo("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"a.cn: Alibaba\"}");
    }

    @Test
    void a_request_that_offers_no_tools_sends_neither_tools_nor_tool_choice_even_with_tool_traffic_in_its_turns() {
        var request = new ChatRequest(List.of(ChatTurn.user("q"),
                ChatTurn.assistantCalling("", List.of(new ToolCall("c", "time", "{}"))), ChatTurn.toolResult("c", "12:00")),
                "", 100, List.of(WHOIS)).withoutTools();

        JsonNode body = encoded(request);

        assertThat(body.has("tools")).isFalse();
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.get("messages").findValuesAsText("role")).containsExactly("user", "assistant", "tool");
    }
}
