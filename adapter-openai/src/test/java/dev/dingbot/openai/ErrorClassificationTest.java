package dev.dingbot.openai;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every error body variant a provider sends, from real payloads, to the status the bot acts on. */
class ErrorClassificationTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server).toBuilder()
            .retry(Retry.none()).build());

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                arguments(400, "{\"error\":{\"message\":\"This model's maximum context length is 128000 tokens. However, your messages resulted in 131587 tokens.\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}", ChatStatus.CONTEXT_TOO_LONG),
                arguments(400, "{\"error\":{\"message\":\"This model's maximum context length is 131072 tokens. However, you requested 131134 tokens\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_request_error\"}}", ChatStatus.CONTEXT_TOO_LONG),
                arguments(429, "{\"error\":{\"message\":\"Request too large for gpt-4o on tokens per min (TPM): Limit 30000, Requested 31538.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}", ChatStatus.CONTEXT_TOO_LONG),
                arguments(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan and billing details.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}", ChatStatus.QUOTA_EXHAUSTED),
                arguments(429, "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":null}}", ChatStatus.QUOTA_EXHAUSTED),
                arguments(402, "{\"error\":{\"message\":\"Insufficient Balance\",\"type\":\"unknown_error\",\"param\":null,\"code\":\"invalid_request_error\"}}", ChatStatus.QUOTA_EXHAUSTED),
                arguments(429, "{\"error\":{\"message\":\"Rate limit reached for gpt-4o in organization org-x on tokens per min (TPM). Please try again in 644ms.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}", ChatStatus.RATE_LIMITED),
                arguments(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation have exceeded call rate limit. Please retry after 6 seconds.\"}}", ChatStatus.RATE_LIMITED),
                arguments(400, "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\",\"content_filter_result\":{\"violence\":{\"filtered\":true,\"severity\":\"medium\"}}}}}", ChatStatus.CONTENT_FILTERED),
                arguments(400, "{\"error\":{\"message\":\"Input data may contain inappropriate content.\",\"type\":\"data_inspection_failed\",\"param\":null,\"code\":\"data_inspection_failed\"},\"id\":\"chatcmpl-1\",\"request_id\":\"r-1\"}", ChatStatus.CONTENT_FILTERED),
                arguments(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-abc******wxyz.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}", ChatStatus.AUTH_FAILED),
                arguments(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint.\"}}", ChatStatus.AUTH_FAILED),
                arguments(403, "{\"error\":{\"code\":\"unsupported_country_region_territory\",\"message\":\"Country, region, or territory not supported\",\"param\":null,\"type\":\"request_forbidden\"}}", ChatStatus.BAD_REQUEST),
                arguments(404, "{\"error\":{\"message\":\"The model `gpt-x` does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}", ChatStatus.MODEL_NOT_FOUND),
                arguments(404, "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}", ChatStatus.MODEL_NOT_FOUND),
                arguments(404, "{\"error\":{\"message\":\"model 'llama3' not found\",\"type\":\"not_found_error\",\"param\":null,\"code\":null}}", ChatStatus.MODEL_NOT_FOUND),
                arguments(400, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with this model.\",\"type\":\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":\"unsupported_parameter\"}}", ChatStatus.BAD_REQUEST),
                arguments(400, "{\"error\":{\"message\":\"bad input\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}}", ChatStatus.BAD_REQUEST),
                arguments(400, "{\"object\":\"error\",\"message\":\"This model's maximum context length is 4096 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}", ChatStatus.CONTEXT_TOO_LONG),
                arguments(422, "{\"error\":\"model 'x' not found\"}", ChatStatus.BAD_REQUEST),
                arguments(500, "{\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}", ChatStatus.SERVER_ERROR),
                arguments(503, "{\"error\":{\"message\":\"Our servers are currently overloaded.\",\"type\":\"service_unavailable_error\",\"param\":null,\"code\":\"server_is_overloaded\"}}", ChatStatus.SERVER_ERROR),
                arguments(502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", ChatStatus.SERVER_ERROR),
                arguments(504, "", ChatStatus.SERVER_ERROR),
                arguments(200, "{\"error\":{\"message\":\"Rate limit hit\",\"type\":\"rate_limit_exceeded\",\"code\":null}}", ChatStatus.RATE_LIMITED));
    }

    @ParameterizedTest(name = "HTTP {0} {2}")
    @MethodSource("bodies")
    void every_error_body_variant_is_classified_and_its_message_kept(int status, String body, ChatStatus expected) {
        server.enqueueJson(status, body);

        ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

        assertThat(result.status()).isEqualTo(expected);
        assertThat(result.providerMessage()).isNotBlank();
        assertThat(result.text()).isEmpty();
    }

    @Test
    void the_provider_message_is_kept_verbatim() {
        server.enqueueJson(429, "{\"error\":{\"message\":\"You exceeded your current quota, please check your plan.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");

        assertThat(provider.chatModel().complete(Fixtures.question("hi")).providerMessage())
                .isEqualTo("You exceeded your current quota, please check your plan.");
    }

    @Test
    void an_html_error_page_becomes_a_short_readable_message() {
        server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html")
                .body("<html><head><style>p{}</style><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>").build());

        ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

        assertThat(result.providerMessage()).startsWith("HTTP 502").contains("Bad Gateway").doesNotContain("<");
    }

    @Test
    void a_refused_connection_is_a_network_failure() {
        String base = server.baseUrl();
        server.close();
        try (var offline = OpenAiProvider.create(OpenAiSettings.builder(base, "k", "gpt-4o")
                .retry(Retry.none()).build())) {
            ChatResult result = offline.chatModel().complete(Fixtures.question("hi"));

            assertThat(result.status()).isEqualTo(ChatStatus.NETWORK);
            assertThat(result.providerMessage()).isNotBlank();
        }
    }

    @Test
    void a_completion_without_choices_is_a_server_error_not_an_empty_answer() {
        server.enqueueJson(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}");

        assertThat(provider.chatModel().complete(Fixtures.question("hi")).status()).isEqualTo(ChatStatus.SERVER_ERROR);
    }

    @Test
    void a_successful_answer_that_is_not_json_is_a_server_error() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain").body("hello?").build());

        assertThat(provider.chatModel().complete(Fixtures.question("hi")).status()).isEqualTo(ChatStatus.SERVER_ERROR);
    }
}
