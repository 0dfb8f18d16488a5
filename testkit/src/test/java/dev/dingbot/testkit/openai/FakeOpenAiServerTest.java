package dev.dingbot.testkit.openai;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
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
        var request = new Request.Builder().url(server.baseUrl() + "/chat/completions")
                .post(RequestBody.create(json, MediaType.get("application/json"))).build();
        try (Response response = client.newCall(request).execute()) {
            return response.body().string();
        }
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
}
