package dev.dingbot.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FakeOpenAiServerTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void stop() {
        server.close();
        client.dispatcher().executorService().shutdown();
    }

    private String post(String json) throws IOException {
        try (Response response = postForResponse(json)) {
            return response.body().string();
        }
    }

    private Response postForResponse(String json) throws IOException {
        var request = new Request.Builder().url(server.baseUrl() + "/chat/completions")
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        return client.newCall(request).execute();
    }

    private static final List<ScriptedToolCall> TWO_CALLS = List.of(
            new ScriptedToolCall("call_1", "whois", "{\"domain\":\"dingtalk.com\"}"),
            new ScriptedToolCall("call_2", "time", "{}"));

    /** The data of each event of a stream body, [DONE] left out. */
    private static List<JsonNode> events(String body) throws IOException {
        var mapper = new ObjectMapper();
        var events = new ArrayList<JsonNode>();
        for (String event : body.split("\n\n")) {
            String data = event.substring("data: ".length());
            if (!data.equals("[DONE]")) events.add(mapper.readTree(data));
        }
        return events;
    }

    @Test
    void an_unscripted_stream_request_gets_the_default_answer_in_pieces_after_the_first_token_delay() throws IOException {
        server.defaultAnswer("ab🌏cd", 3, Duration.ofMillis(150), Duration.ZERO);

        long start = System.nanoTime();
        String body = post("{\"model\":\"m\",\"stream\":true}");

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
        assertThat(body).contains("\"content\":\"ab🌏\"", "\"content\":\"cd\"", "\"finish_reason\":\"stop\"",
                "\"prompt_tokens\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void an_unscripted_plain_request_gets_the_default_answer_whole() throws IOException {
        assertThat(post("{\"model\":\"m\"}")).contains("\"object\":\"chat.completion\"", "\"content\":\"hello world\"");
    }

    @Test
    void echoing_answers_each_question_with_its_last_user_message() throws IOException {
        server.echoQuestions();

        assertThat(post("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q1\"},"
                + "{\"role\":\"assistant\",\"content\":\"a1\"},{\"role\":\"user\",\"content\":\"q2\"}]}"))
                .contains("\"content\":\"re: q2\"");
    }

    @Test
    void scripted_answers_come_first_in_order_and_requests_are_recorded() throws IOException {
        server.enqueueJson(429, OpenAiJson.error("slow down", "requests", "rate_limit_exceeded"))
                .enqueueStream(List.of("x"), Duration.ZERO, Duration.ZERO);

        assertThat(post("{\"n\":1}")).contains("slow down");
        assertThat(post("{\"n\":2}")).contains("\"content\":\"x\"");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(server.takeRequestJson().get("n").asInt()).isEqualTo(1);
        assertThat(server.takeRequestJson().get("n").asInt()).isEqualTo(2);
    }

    @Test
    void random_faults_fail_every_call_at_share_one_each_with_one_of_the_four_kinds() throws IOException {
        server.failRandomly(1.0, 1, Duration.ofMillis(400));
        OkHttpClient impatient = client.newBuilder().readTimeout(Duration.ofMillis(150)).build();
        int failed = 0;
        for (int i = 0; i < 24; i++) {
            var request = new Request.Builder().url(server.baseUrl() + "/chat/completions")
                    .post(RequestBody.create("{\"stream\":false}", MediaType.get("application/json"))).build();
            try (Response response = impatient.newCall(request).execute()) {
                String body = response.body().string();
                if (response.code() != 200 || !body.endsWith("}")) failed++;
            } catch (IOException e) {
                failed++; // cut mid-body, or stalled past the read timeout
            }
        }

        assertThat(failed).isEqualTo(24);
        assertThat(server.faultsServed()).containsOnlyKeys(FakeOpenAiServer.Fault.values());
        assertThat(server.faultsServed().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(24);
        assertThat(server.requestsPassed()).isZero();
    }

    @Test
    void scripted_tool_calls_stream_each_calls_id_and_name_first_then_its_arguments_over_several_chunks() throws IOException {
        server.enqueueToolCalls(TWO_CALLS);

        List<JsonNode> events = events(post("{\"model\":\"m\",\"stream\":true,\"tools\":[]}"));

        List<JsonNode> deltas = events.stream().flatMap(e -> e.path("choices").findValues("tool_calls").stream())
                .map(calls -> calls.get(0)).toList();
        assertThat(deltas.get(0).get("index").asInt()).isZero();
        assertThat(deltas.get(0).get("id").asText()).isEqualTo("call_1");
        assertThat(deltas.get(0).at("/function/name").asText()).isEqualTo("whois");
        StringBuilder first = new StringBuilder();
        deltas.stream().filter(d -> d.get("index").asInt() == 0).forEach(d -> first.append(d.at("/function/arguments").asText()));
        assertThat(first.toString()).isEqualTo("{\"domain\":\"dingtalk.com\"}");
        assertThat(deltas.stream().filter(d -> d.get("index").asInt() == 0 && !d.has("id")).count()).isGreaterThan(2);
        assertThat(deltas).anySatisfy(d -> {
            assertThat(d.get("index").asInt()).isEqualTo(1);
            assertThat(d.get("id").asText()).isEqualTo("call_2");
        });
        assertThat(events).anySatisfy(e -> assertThat(e.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls"));
    }

    @Test
    void scripted_tool_calls_come_whole_in_message_tool_calls_when_the_request_does_not_stream() throws IOException {
        server.enqueueToolCalls(TWO_CALLS);

        JsonNode answer = new ObjectMapper().readTree(post("{\"model\":\"m\"}"));

        assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(answer.at("/choices/0/message/content").isNull()).isTrue();
        assertThat(answer.at("/choices/0/message/tool_calls/1/function/name").asText()).isEqualTo("time");
        assertThat(answer.at("/choices/0/message/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"domain\":\"dingtalk.com\"}");
    }

    @Test
    void refusing_tools_answers_400_to_requests_offering_tools_and_keeps_the_scripted_answer_for_the_next() throws IOException {
        server.refuseTools(true).enqueueCompletion("scripted");
        String offering = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"q\"},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"12:00\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"time\"}}],\"tool_choice\":\"auto\"}";

        try (Response refused = postForResponse(offering)) {
            assertThat(refused.code()).isEqualTo(400);
            assertThat(refused.body().string()).contains("does not support tools", "invalid_request_error");
        }
        assertThat(post("{\"model\":\"m\"}")).contains("\"content\":\"scripted\"");

        JsonNode recorded = server.takeRequestJson();
        assertThat(recorded.at("/tools/0/function/name").asText()).isEqualTo("time");
        assertThat(recorded.at("/messages/1/tool_calls/0/id").asText()).isEqualTo("c");
        assertThat(recorded.at("/messages/2/role").asText()).isEqualTo("tool");
        assertThat(recorded.at("/messages/2/tool_call_id").asText()).isEqualTo("c");
    }

    private Response postWithKey(String key, String path) throws IOException {
        return client.newCall(new Request.Builder().url(server.baseUrl() + path).header("Authorization", "Bearer " + key)
                .post(RequestBody.create("{\"model\":\"m\",\"messages\":[]}", MediaType.get("application/json")))
                .build()).execute();
    }

    @Test
    void told_its_keys_it_refuses_others_with_invalid_api_key_and_keys_out_of_quota_with_insufficient_quota() throws IOException {
        server.acceptKeys("sk-good-key-1111").outOfQuotaKeys("sk-spent-key-2222").enqueueCompletion("scripted");

        try (Response unknown = postWithKey("sk-wrong-key-3333", "/chat/completions");
             Response spent = postWithKey("sk-spent-key-2222", "/chat/completions");
             Response good = postWithKey("sk-good-key-1111", "/chat/completions")) {
            JsonNode unknownError = new ObjectMapper().readTree(unknown.body().string()).path("error");
            JsonNode spentError = new ObjectMapper().readTree(spent.body().string()).path("error");

            assertThat(unknown.code()).isEqualTo(401);
            assertThat(unknownError.path("code").asText()).isEqualTo("invalid_api_key");
            assertThat(unknownError.path("message").asText()).contains("sk-").contains("3333").doesNotContain("sk-wrong-key-3333");
            assertThat(spent.code()).isEqualTo(429);
            assertThat(spentError.path("code").asText()).isEqualTo("insufficient_quota");
            assertThat(spentError.path("type").asText()).isEqualTo("insufficient_quota");
            assertThat(spentError.path("message").asText()).startsWith("You exceeded your current quota");
            assertThat(good.body().string()).contains("scripted");
        }
        assertThat(server.keysUsed()).containsExactly("sk-wrong-key-3333", "sk-spent-key-2222", "sk-good-key-1111");
    }

    @Test
    void a_key_out_of_quota_still_lists_the_models() throws IOException {
        server.outOfQuotaKeys("sk-spent-key-2222");

        try (Response models = client.newCall(new Request.Builder().url(server.baseUrl() + "/models")
                .header("Authorization", "Bearer sk-spent-key-2222").build()).execute()) {
            assertThat(models.code()).isEqualTo(200);
        }
    }
}
