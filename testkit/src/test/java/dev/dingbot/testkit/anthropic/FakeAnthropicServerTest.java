package dev.dingbot.testkit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.testkit.openai.ScriptedToolCall;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FakeAnthropicServerTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String QUESTION = """
            {"model":"claude-sonnet-4-5","max_tokens":100,"system":"Be brief.",
             "messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}]%s}""";

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void stop() {
        server.close();
        client.dispatcher().executorService().shutdown();
    }

    private Response post(String json, boolean withKey) throws IOException {
        var builder = new Request.Builder().url(server.baseUrl() + "/v1/messages")
                .header("anthropic-version", "2023-06-01")
                .post(RequestBody.create(json, MediaType.get("application/json")));
        if (withKey) builder.header("x-api-key", "sk-ant-test");
        return client.newCall(builder.build()).execute();
    }

    private String body(String json) throws IOException {
        try (Response response = post(json, true)) {
            return response.body().string();
        }
    }

    /** The stream's events as (event name, data JSON) pairs, checking that each is framed as Anthropic frames it. */
    private static List<String[]> events(String stream) {
        List<String[]> events = new ArrayList<>();
        for (String frame : stream.split("\n\n")) {
            String[] lines = frame.split("\n");
            assertThat(lines).hasSize(2);
            assertThat(lines[0]).startsWith("event: ");
            assertThat(lines[1]).startsWith("data: ");
            events.add(new String[]{lines[0].substring(7), lines[1].substring(6)});
        }
        return events;
    }

    @Test
    void a_streamed_answer_comes_as_named_events_with_a_ping_text_deltas_usage_and_message_stop_last() throws IOException {
        server.defaultAnswer("hello world", 4);

        String stream = body(QUESTION.formatted(",\"stream\":true"));

        assertThat(stream).endsWith("\n\n");
        List<String[]> events = events(stream);
        assertThat(events).extracting(e -> e[0]).containsExactly("message_start", "content_block_start", "ping",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        for (String[] event : events) {
            JsonNode data = MAPPER.readTree(event[1]);
            assertThat(data.path("type").asText()).isEqualTo(event[0]);
            if (event[0].equals("content_block_delta")) text.append(data.path("delta").path("text").asText());
        }
        assertThat(text).hasToString("hello world");
        assertThat(MAPPER.readTree(events.get(0)[1]).path("message").path("usage").path("input_tokens").asInt()).isPositive();
        assertThat(MAPPER.readTree(events.get(7)[1]).path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void a_streamed_thinking_block_ends_with_its_signature_and_a_tool_use_streams_its_input_as_json_pieces() throws IOException {
        server.enqueueMessage(ScriptedMessage.thinkingThen("Think.", "Hi"));
        server.enqueueMessage(ScriptedMessage.toolUses("", List.of(new ScriptedToolCall("toolu_1", "whois", "{\"domain\":\"example.com\"}"))));

        List<JsonNode> thinking = new ArrayList<>();
        for (String[] e : events(body(QUESTION.formatted(",\"stream\":true")))) thinking.add(MAPPER.readTree(e[1]));
        List<JsonNode> tool = new ArrayList<>();
        for (String[] e : events(body(QUESTION.formatted(",\"stream\":true")))) tool.add(MAPPER.readTree(e[1]));

        assertThat(thinking.get(1).path("content_block").path("type").asText()).isEqualTo("thinking");
        assertThat(thinking).extracting(n -> n.path("delta").path("type").asText()).contains("thinking_delta", "signature_delta", "text_delta");
        assertThat(tool.get(1).path("content_block").path("type").asText()).isEqualTo("tool_use");
        StringBuilder input = new StringBuilder();
        tool.stream().filter(n -> n.path("delta").path("type").asText().equals("input_json_delta"))
                .forEach(n -> input.append(n.path("delta").path("partial_json").asText()));
        assertThat(input).hasToString("{\"domain\":\"example.com\"}");
        assertThat(tool).extracting(n -> n.path("delta").path("stop_reason").asText()).contains("tool_use");
    }

    @Test
    void a_whole_answer_is_one_message_with_its_content_blocks_stop_reason_and_usage() throws IOException {
        server.enqueueMessage(ScriptedMessage.cutAtMaxTokens("The sea"));

        JsonNode message = MAPPER.readTree(body(QUESTION.formatted("")));

        assertThat(message.path("type").asText()).isEqualTo("message");
        assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("The sea");
        assertThat(message.path("stop_reason").asText()).isEqualTo("max_tokens");
        assertThat(message.path("usage").path("output_tokens").asInt()).isPositive();
    }

    @Test
    void a_request_without_an_api_key_is_refused_with_an_authentication_error() throws IOException {
        try (Response response = post(QUESTION.formatted(""), false)) {
            JsonNode error = MAPPER.readTree(response.body().string());

            assertThat(response.code()).isEqualTo(401);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.path("error").path("type").asText()).isEqualTo("authentication_error");
            assertThat(response.header("request-id")).startsWith("req_");
        }
    }

    @Test
    void messages_that_do_not_alternate_are_refused_without_taking_the_scripted_answer() throws IOException {
        server.enqueueMessage(ScriptedMessage.text("scripted"));
        String twoUsers = """
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}""";

        try (Response refused = post(twoUsers, true)) {
            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.body().string()).contains("invalid_request_error", "alternate");
        }
        assertThat(MAPPER.readTree(body(QUESTION.formatted(""))).path("content").get(0).path("text").asText())
                .isEqualTo("scripted");
    }

    @Test
    void a_system_message_a_missing_max_tokens_and_a_tool_result_answering_no_call_are_refused() throws IOException {
        String system = "{\"model\":\"m\",\"max_tokens\":10,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}";
        String noMax = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        String orphan = """
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":"x"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_2","content":"r"}]}]}""";

        for (String body : List.of(system, noMax, orphan)) {
            try (Response response = post(body, true)) {
                assertThat(response.code()).as(body).isEqualTo(400);
            }
        }
    }

    @Test
    void a_queued_error_event_ends_the_stream_after_the_text_before_it() throws IOException {
        server.enqueueErrorEventAfter("The sea", "overloaded_error", "Overloaded");

        List<String[]> events = events(body(QUESTION.formatted(",\"stream\":true")));

        String[] last = events.get(events.size() - 1);
        assertThat(last[0]).isEqualTo("error");
        assertThat(MAPPER.readTree(last[1]).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(events).extracting(e -> e[0]).doesNotContain("message_stop");
    }

    @Test
    void every_request_is_recorded_with_its_headers_and_body() throws IOException {
        body(QUESTION.formatted(""));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(FakeAnthropicServer.json(request).path("system").asText()).isEqualTo("Be brief.");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    private Response send(Request.Builder request, String key) throws IOException {
        return client.newCall(request.header("anthropic-version", "2023-06-01").header("x-api-key", key).build()).execute();
    }

    private Request.Builder question() {
        return new Request.Builder().url(server.baseUrl() + "/v1/messages")
                .post(RequestBody.create(QUESTION.formatted(""), MediaType.get("application/json")));
    }

    @Test
    void told_its_keys_it_refuses_others_and_answers_keys_out_of_credit_that_the_balance_is_too_low() throws IOException {
        server.acceptKeys("sk-ant-good").outOfCreditKeys("sk-ant-spent");

        try (Response unknown = send(question(), "sk-ant-wrong");
             Response spent = send(question(), "sk-ant-spent");
             Response good = send(question(), "sk-ant-good")) {
            JsonNode spentError = MAPPER.readTree(spent.body().string()).path("error");

            assertThat(unknown.code()).isEqualTo(401);
            assertThat(spent.code()).isEqualTo(400);
            assertThat(spentError.path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(spentError.path("message").asText()).contains("credit balance is too low");
            assertThat(good.code()).isEqualTo(200);
        }
        assertThat(server.keysUsed()).containsExactly("sk-ant-wrong", "sk-ant-spent", "sk-ant-good");
    }

    @Test
    void the_models_are_listed_for_a_known_key_even_out_of_credit_and_refused_for_an_unknown_one() throws IOException {
        server.acceptKeys("sk-ant-good").outOfCreditKeys("sk-ant-spent");
        Request.Builder models = new Request.Builder().url(server.baseUrl() + "/v1/models").get();

        try (Response spent = send(models, "sk-ant-spent"); Response unknown = send(models, "sk-ant-wrong")) {
            assertThat(MAPPER.readTree(spent.body().string()).at("/data/0/id").asText())
                    .isEqualTo(FakeAnthropicServer.LISTED_MODEL);
            assertThat(unknown.code()).isEqualTo(401);
        }
    }
}
