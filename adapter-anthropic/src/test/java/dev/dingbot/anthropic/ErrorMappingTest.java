package dev.dingbot.anthropic;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Anthropic's error classes mapped to the statuses the OpenAI adapter gives the same troubles, and retried by its rules. */
class ErrorMappingTest {

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private final AnthropicProvider provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build());

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    @ParameterizedTest(name = "{0} {1} is {3}, asked {4} times")
    @CsvSource(delimiter = '|', textBlock = """
            400 | invalid_request_error | prompt is too long: 210000 tokens > 200000 maximum         | CONTEXT_TOO_LONG | 1
            400 | invalid_request_error | input length and `max_tokens` exceed context limit: 1 + 2 | CONTEXT_TOO_LONG | 1
            400 | invalid_request_error | messages.0.content: Field required                        | BAD_REQUEST      | 1
            400 | invalid_request_error | Your credit balance is too low to access the Anthropic API | QUOTA_EXHAUSTED | 1
            401 | authentication_error  | invalid x-api-key                                         | AUTH_FAILED      | 1
            402 | billing_error         | Your account has a billing problem                        | QUOTA_EXHAUSTED  | 1
            403 | permission_error      | Your API key does not have permission to use the model    | BAD_REQUEST      | 1
            404 | not_found_error       | model: claude-9                                           | MODEL_NOT_FOUND  | 1
            413 | request_too_large     | Request exceeds the maximum allowed number of bytes       | CONTEXT_TOO_LONG | 1
            429 | rate_limit_error      | Number of request tokens has exceeded your rate limit     | RATE_LIMITED     | 3
            500 | api_error             | Internal server error                                     | SERVER_ERROR     | 3
            529 | overloaded_error      | Overloaded                                                | SERVER_ERROR     | 3
            """)
    void each_error_class_maps_to_its_status_and_only_transient_ones_are_retried(int status, String type, String message,
                                                                                ChatStatus expected, int requests) {
        for (int i = 0; i < 3; i++) server.enqueueError(status, type, message);

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.providerMessage()).isEqualTo(message);
        assertThat(server.requestCount()).isEqualTo(requests);
    }

    @Test
    void a_streamed_request_refused_with_an_http_error_delivers_nothing_and_is_classified_alike() {
        server.enqueueError(404, "not_found_error", "model: claude-9");
        List<String> deltas = new ArrayList<>();

        ChatResult result = provider.chatModel().stream(AnthropicFixtures.question("hi"), deltas::add);

        assertThat(result.status()).isEqualTo(ChatStatus.MODEL_NOT_FOUND);
        assertThat(deltas).isEmpty();
    }

    @Test
    void an_error_page_that_is_not_json_is_a_server_error_named_by_its_status() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(new mockwebserver3.MockResponse.Builder().code(502).body("<html><h1>Bad Gateway</h1></html>").build());
        }

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.SERVER_ERROR);
        assertThat(result.providerMessage()).isEqualTo("HTTP 502: Bad Gateway");
    }

    @Test
    void a_rate_limit_is_waited_out_as_retry_after_asks_and_then_answered() {
        server.enqueue(server.errorResponse(429, "rate_limit_error", "slow down").setHeader("retry-after", "0").build());

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_server_asking_for_a_longer_wait_than_the_cap_is_not_retried() {
        server.enqueue(server.errorResponse(429, "rate_limit_error", "slow down").setHeader("retry-after", "120").build());

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.RATE_LIMITED);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void a_server_saying_x_should_retry_false_is_not_retried() {
        server.enqueue(server.errorResponse(529, "overloaded_error", "Overloaded").setHeader("x-should-retry", "false").build());

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.SERVER_ERROR);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void an_error_echoing_the_api_key_reaches_the_result_with_the_key_masked() {
        server.enqueueError(401, "authentication_error", "invalid x-api-key: " + AnthropicFixtures.KEY);

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.AUTH_FAILED);
        assertThat(result.providerMessage()).doesNotContain(AnthropicFixtures.KEY).contains("***");
    }

    @Test
    void a_server_that_cannot_be_reached_is_a_network_failure_not_an_exception() {
        String base = server.baseUrl();
        server.close();
        try (var unreachable = AnthropicProvider.create(AnthropicSettings.builder(base, AnthropicFixtures.KEY,
                AnthropicFixtures.MODEL).retry(Retry.none()).build())) {

            ChatResult result = unreachable.chatModel().complete(AnthropicFixtures.question("hi"));

            assertThat(result.status()).isEqualTo(ChatStatus.NETWORK);
            assertThat(result.providerMessage()).isNotBlank().doesNotContain("Exception");
        }
    }
}
