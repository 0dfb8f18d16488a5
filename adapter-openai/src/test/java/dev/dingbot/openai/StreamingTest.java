package dev.dingbot.openai;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.dingbot.openai.Fixtures.FINISH_STOP;
import static dev.dingbot.openai.Fixtures.chunk;
import static org.assertj.core.api.Assertions.assertThat;

class StreamingTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server)
            .toBuilder().retry(Retry.none()).build());
    private final List<String> texts = new ArrayList<>();
    private final List<String> reasonings = new ArrayList<>();
    private final ChatListener listener = new ChatListener() {
        @Override
        public void onText(String delta) {
            texts.add(delta);
        }

        @Override
        public void onReasoning(String delta) {
            reasonings.add(delta);
        }
    };

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private ChatResult stream(MockResponse response) {
        server.enqueue(response);
        return provider.chatModel().stream(Fixtures.question("hi"), listener);
    }

    private ChatResult stream(String body) {
        return stream(Fixtures.sse(body));
    }

    @Test
    void deltas_arrive_in_order_and_usage_comes_from_the_usage_only_chunk() {
        ChatResult result = stream("""
                data: {"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"finish_reason":null}],"usage":null,"obfuscation":"Yz3"}

                data: {"id":"x","choices":[{"index":0,"delta":{"content":"Hello"},"finish_reason":null}],"usage":null}

                data: {"id":"x","choices":[{"index":0,"delta":{"content":" there"},"finish_reason":null}],"usage":null}

                data: {"id":"x","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}

                data: {"id":"x","choices":[],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29}}

                data: [DONE]

                """);

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(texts).containsExactly("Hello", " there");
        assertThat(result.text()).isEqualTo("Hello there");
        assertThat(result.usage()).hasValueSatisfying(u -> {
            assertThat(u.promptTokens()).isEqualTo(19);
            assertThat(u.completionTokens()).isEqualTo(10);
            assertThat(u.model()).isEqualTo("gpt-4o-mini");
        });
    }

    @Test
    void usage_on_the_finish_chunk_is_kept_as_deepseek_sends_it() {
        ChatResult result = stream("data: " + chunk("Hi") + "\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":1,\"prompt_cache_hit_tokens\":0}}\n\ndata: [DONE]\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.usage()).hasValueSatisfying(u -> assertThat(u.promptTokens()).isEqualTo(7));
    }

    @Test
    void reasoning_content_and_reasoning_deltas_go_to_the_reasoning_listener_not_the_answer() {
        ChatResult result = stream("""
                data: {"choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":""}}]}

                data: {"choices":[{"index":0,"delta":{"content":null,"reasoning_content":"Let me think."}}]}

                data: {"choices":[{"index":0,"delta":{"reasoning":" Ollama style."}}]}

                data: {"choices":[{"index":0,"delta":{"content":"42","reasoning_content":null}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]

                """);

        assertThat(reasonings).containsExactly("Let me think.", " Ollama style.");
        assertThat(texts).containsExactly("42");
        assertThat(result.text()).isEqualTo("42");
        assertThat(result.reasoning()).isEqualTo("Let me think. Ollama style.");
    }

    @Test
    void chunks_with_empty_choices_without_delta_or_with_null_content_are_skipped() {
        ChatResult result = stream("""
                data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

                data: {"id":"x"}

                data: {"choices":[{"index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"content_filter_offsets":{}}]}

                data: {"choices":[{"index":0,"delta":{"content":null}}]}

                data: {"choices":[{"index":0,"delta":{"content":"ok"}}]}

                data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                data: [DONE]

                """);

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(texts).containsExactly("ok");
    }

    @Test
    void keep_alive_comments_and_data_without_a_space_are_understood() {
        ChatResult result = stream(": keep-alive\n\n: ping - 2026-11-24 00:00:00\n\ndata:" + chunk("A")
                + "\n\n: OPENROUTER PROCESSING\n\ndata:" + FINISH_STOP + "\n\ndata:[DONE]\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo("A");
    }

    @Test
    void crlf_and_bare_cr_line_ends_work_over_the_wire() {
        ChatResult result = stream("data: " + chunk("one") + "\r\n\r\ndata: " + chunk("two") + "\r\rdata: "
                + FINISH_STOP + "\r\rdata: [DONE]\r\r");

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(texts).containsExactly("one", "two");
    }

    @Test
    void one_event_may_span_several_data_lines() {
        ChatResult result = stream("data: {\"choices\":[{\"index\":0,\n"
                + "data: \"delta\":{\"content\":\"joined\"}}]}\n\ndata: " + FINISH_STOP + "\n\ndata: [DONE]\n\n");

        assertThat(texts).containsExactly("joined");
        assertThat(result.status()).isEqualTo(ChatStatus.OK);
    }

    @Test
    void multi_byte_characters_split_across_socket_reads_arrive_without_replacement_characters() {
        String text = "你好，世界！🌏 Ünïcödé ✓ 🇨🇳";
        String body = "data: " + chunk(text) + "\n\ndata: " + chunk("再见👋") + "\n\ndata: " + FINISH_STOP
                + "\n\ndata: [DONE]\n\n";
        // Two bytes per write: every 3- and 4-byte character is cut between reads.
        ChatResult result = stream(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .body(body).throttleBody(2, 1, TimeUnit.MILLISECONDS).build());

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo(text + "再见👋").doesNotContain("\uFFFD");
        assertThat(texts).containsExactly(text, "再见👋");
    }

    @Test
    void end_of_stream_without_done_after_a_finish_reason_is_a_complete_answer() {
        ChatResult result = stream("data: " + chunk("fine") + "\n\ndata: " + FINISH_STOP + "\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo("fine");
    }

    @Test
    void end_of_stream_without_done_or_finish_reason_is_interrupted_with_the_partial_text() {
        ChatResult result = stream("data: " + chunk("part") + "\n\ndata: " + chunk("ial") + "\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.INTERRUPTED);
        assertThat(result.text()).isEqualTo("partial");
        assertThat(result.providerMessage()).isNotBlank();
    }

    @Test
    void a_connection_cut_mid_answer_is_interrupted_with_the_partial_text() {
        MockResponseBody cutting = new MockResponseBody() {
            @Override
            public long getContentLength() {
                return -1;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.writeUtf8("data: " + chunk("before the cut") + "\n\n").flush();
                throw new IOException("connection lost");
            }
        };
        ChatResult result = stream(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .body(cutting).build());

        assertThat(result.status()).isEqualTo(ChatStatus.INTERRUPTED);
        assertThat(result.text()).isEqualTo("before the cut");
    }

    @Test
    void an_error_object_inside_a_200_stream_after_text_is_interrupted_with_the_provider_message() {
        ChatResult result = stream("data: " + chunk("so far") + "\n\n"
                + "data: {\"error\":{\"message\":\"Internal error during generation\",\"type\":\"server_error\",\"code\":null}}\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.INTERRUPTED);
        assertThat(result.text()).isEqualTo("so far");
        assertThat(result.providerMessage()).isEqualTo("Internal error during generation");
    }

    @Test
    void an_error_string_inside_a_200_stream_before_any_text_is_a_classified_failure() {
        ChatResult result = stream("data: {\"error\":\"backend overloaded\"}\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.SERVER_ERROR);
        assertThat(result.providerMessage()).isEqualTo("backend overloaded");
        assertThat(texts).isEmpty();
    }

    @Test
    void an_error_with_a_code_inside_a_200_stream_is_classified_by_that_code() {
        ChatResult result = stream("data: {\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
                + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.CONTEXT_TOO_LONG);
    }

    @Test
    void finish_reason_length_is_truncated_with_the_text() {
        ChatResult result = stream("data: " + chunk("long") + "\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.TRUNCATED);
        assertThat(result.text()).isEqualTo("long");
    }

    @Test
    void finish_reason_content_filter_keeps_the_text_and_says_content_filtered() {
        ChatResult result = stream("data: " + chunk("some") + "\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"content_filter\",\"content_filter_results\":{\"violence\":{\"filtered\":true,"
                + "\"severity\":\"medium\"}}}]}\n\ndata: [DONE]\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.CONTENT_FILTERED);
        assertThat(result.text()).isEqualTo("some");
    }

    @Test
    void a_filtered_true_mark_in_a_chunk_says_content_filtered_even_with_finish_stop() {
        ChatResult result = stream("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},"
                + "\"content_filter_results\":{\"hate\":{\"filtered\":true,\"severity\":\"high\"}}}]}\n\n"
                + "data: " + FINISH_STOP + "\n\ndata: [DONE]\n\n");

        assertThat(result.status()).isEqualTo(ChatStatus.CONTENT_FILTERED);
    }

    @Test
    void a_plain_json_answer_to_a_stream_request_is_delivered_as_one_piece() {
        ChatResult result = stream(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("\n\n{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"whole\"},"
                        + "\"finish_reason\":\"stop\"}]}").build());

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(texts).containsExactly("whole");
    }

    @Test
    void the_fake_servers_scripted_stream_with_a_first_token_delay_arrives_whole() {
        server.enqueueStream(List.of("a", "b", "c"), Duration.ofMillis(30), Duration.ofMillis(5));

        ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), listener);

        assertThat(result.text()).isEqualTo("abc");
        assertThat(texts).containsExactly("a", "b", "c");
    }
}
