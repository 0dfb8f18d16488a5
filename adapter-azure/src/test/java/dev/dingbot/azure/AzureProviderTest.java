package dev.dingbot.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.Balance;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.openai.OpenAiSettings;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import dev.dingbot.testkit.openai.ScriptedToolCall;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AzureProviderTest {

    static final String KEY = "azure-key-SECRET-42";
    private static final ChatRequest QUESTION = new ChatRequest(List.of(ChatTurn.user("hi")), "user-42", 50);

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    static AzureSettings settings(FakeOpenAiServer server) {
        return AzureSettings.builder("unused", "gpt-4o-prod", KEY).endpoint(server.rootUrl())
                .retry(new Retry(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .build();
    }

    private ChatResult complete(AzureSettings settings) {
        try (var provider = AzureProvider.create(settings)) {
            return provider.chatModel().complete(QUESTION);
        }
    }

    @Test
    void deployment_style_calls_the_deployment_with_api_version_and_the_api_key_header_and_no_user() {
        server.enqueueCompletion("hello from azure");

        ChatResult result = complete(settings(server).toBuilder()
                .apiStyle(AzureSettings.ApiStyle.DEPLOYMENTS).apiVersion("2024-10-21").build());

        RecordedRequest request = server.takeRequest();
        JsonNode body = FakeOpenAiServer.json(request);
        assertThat(result.text()).isEqualTo("hello from azure");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions");
        assertThat(request.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
        assertThat(request.getHeaders().get("api-key")).isEqualTo(KEY);
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(body.has("user")).isFalse();
    }

    @Test
    void an_error_that_echoes_the_api_key_comes_back_with_the_key_masked() {
        server.enqueueErrorEchoingCredentials(401, "seen at 10.0.0.9");

        ChatResult result = complete(settings(server));

        assertThat(result.status()).isEqualTo(ChatStatus.AUTH_FAILED);
        assertThat(result.providerMessage()).isEqualTo("Incorrect API key provided: *** (seen at 10.0.0.9)");
    }

    @Test
    void the_v1_style_calls_openai_v1_with_the_deployment_as_model() {
        server.enqueueCompletion("v1");

        complete(settings(server).toBuilder().apiStyle(AzureSettings.ApiStyle.V1).apiVersion("").build());

        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
        assertThat(request.getUrl().query()).isNull();
        assertThat(FakeOpenAiServer.json(request).get("model").asText()).isEqualTo("gpt-4o-prod");
    }

    @Test
    void the_resource_name_gives_the_azure_host() {
        var settings = AzureSettings.defaults("contoso", "gpt-4o", "k");

        assertThat(settings.root()).isEqualTo("https://contoso.openai.azure.com");
        assertThat(settings.toBuilder().endpoint("https://contoso.openai.azure.com/openai/v1/").build().root())
                .isEqualTo("https://contoso.openai.azure.com");
    }

    @Test
    void a_prompt_blocked_by_the_content_filter_is_content_filtered_and_not_retried() {
        server.enqueueJson(400, "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\","
                + "\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\","
                + "\"content_filter_result\":{\"violence\":{\"filtered\":true,\"severity\":\"medium\"}}}}}");

        ChatResult result = complete(settings(server));

        assertThat(result.status()).isEqualTo(ChatStatus.CONTENT_FILTERED);
        assertThat(result.providerMessage()).contains("content management policy");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void an_azure_stream_with_filter_annotations_ending_in_content_filter_keeps_the_text() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body("""
                data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

                data: {"choices":[{"content_filter_results":{},"delta":{"content":"","role":"assistant"},"finish_reason":null,"index":0}],"created":1,"id":"c","model":"gpt-4o","object":"chat.completion.chunk"}

                data: {"choices":[{"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"delta":{"content":"Once upon"},"finish_reason":null,"index":0}],"id":"c","object":"chat.completion.chunk"}

                data: {"choices":[{"content_filter_offsets":{"check_offset":0,"start_offset":0,"end_offset":9},"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}},"finish_reason":null,"index":0}],"created":0,"id":"","model":"","object":""}

                data: {"choices":[{"content_filter_results":{"violence":{"filtered":true,"severity":"high"}},"delta":{},"finish_reason":"content_filter","index":0}],"id":"c","object":"chat.completion.chunk"}

                data: [DONE]

                """).build());
        List<String> seen = new ArrayList<>();

        ChatResult result;
        try (var provider = AzureProvider.create(settings(server))) {
            result = provider.chatModel().stream(QUESTION, seen::add);
        }

        assertThat(result.status()).isEqualTo(ChatStatus.CONTENT_FILTERED);
        assertThat(result.text()).isEqualTo("Once upon");
        assertThat(seen).containsExactly("Once upon");
    }

    @Test
    void an_azure_429_with_a_string_code_and_retry_after_ms_is_retried() {
        server.enqueue(new MockResponse.Builder().code(429).setHeader("retry-after-ms", "10")
                        .body("{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create Operation have exceeded call rate limit.\"}}").build())
                .enqueueCompletion("after the limit");

        ChatResult result = complete(settings(server));

        assertThat(result.text()).isEqualTo("after the limit");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void images_go_to_the_image_deployment_with_the_api_key_and_no_user() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1};
        server.enqueueJson(200, "{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(png) + "\"}]}");

        ImageResult result;
        try (var provider = AzureProvider.create(settings(server).toBuilder()
                .imageDeployment("gpt-image-1").imageSize("1024x1024")
                .apiStyle(AzureSettings.ApiStyle.DEPLOYMENTS).apiVersion("2025-04-01-preview").build())) {
            result = provider.imageModel().generate("a lighthouse", "user-42");
        }

        RecordedRequest request = server.takeRequest();
        JsonNode body = FakeOpenAiServer.json(request);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-image-1/images/generations");
        assertThat(request.getUrl().queryParameter("api-version")).isEqualTo("2025-04-01-preview");
        assertThat(request.getHeaders().get("api-key")).isEqualTo(KEY);
        assertThat(body.has("user")).isFalse();
        assertThat(body.has("response_format")).isFalse();
        assertThat(result).isInstanceOfSatisfying(ImageResult.Generated.class,
                g -> assertThat(g.image().mediaType()).isEqualTo("image/png"));
    }

    @Test
    void without_an_image_deployment_images_fail_at_once_without_a_call() {
        try (var provider = AzureProvider.create(settings(server))) {
            assertThat(provider.imageModel().generate("a lighthouse", "u")).isInstanceOfSatisfying(ImageResult.Failed.class,
                    f -> assertThat(f.status()).isEqualTo(ChatStatus.BAD_REQUEST));
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void azure_has_no_balance_api() {
        try (var provider = AzureProvider.create(settings(server))) {
            assertThat(provider.balanceSource().balance()).isInstanceOf(Balance.Unsupported.class);
        }
        assertThat(server.requestCount()).isZero();
    }

    @Test
    void the_proxy_applies_to_azure_too() {
        server.enqueueCompletion("proxied");
        var settings = AzureSettings.builder("contoso", "gpt-4o", KEY).endpoint("http://contoso.openai.azure.test")
                .proxy(server.rootUrl()).build();

        assertThat(complete(settings).text()).isEqualTo("proxied");
        assertThat(server.takeRequest().getRequestLine())
                .startsWith("POST http://contoso.openai.azure.test/openai/deployments/gpt-4o/chat/completions?api-version=");
    }

    @Test
    void the_probe_lists_the_resource_models_with_the_api_version() {
        server.enqueueJson(200, "{\"data\":[{\"id\":\"gpt-4o\"}]}");

        try (var provider = AzureProvider.create(settings(server))) {
            assertThat(provider.probe().ok()).isTrue();
        }
        RecordedRequest request = server.takeRequest();
        assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/models");
        assertThat(request.getUrl().queryParameter("api-version")).isEqualTo(AzureSettings.DEFAULT_API_VERSION);
    }

    @Test
    void to_string_never_shows_the_key() {
        try (var provider = AzureProvider.create(settings(server))) {
            assertThat(provider.toString()).doesNotContain(KEY).contains("gpt-4o-prod");
        }
    }

    @Test
    void tool_calls_go_through_the_deployment_both_ways() {
        var time = ToolDefinition.builtIn("time", "The time now", null);
        var asking = new ChatRequest(List.of(ChatTurn.user("what time is it?")), "user-42", 50, List.of(time));
        var call = new ToolCall("call_1", "time", "{\"zone\":\"Asia/Shanghai\"}");
        var answering = new ChatRequest(List.of(ChatTurn.user("what time is it?"),
                ChatTurn.assistantCalling("", List.of(call)), ChatTurn.toolResult("call_1", "12:00")), "user-42", 50, List.of(time));
        server.enqueueToolCalls(List.of(new ScriptedToolCall(call.id(), call.name(), call.arguments())))
                .enqueueCompletion("It is noon.");

        ChatResult asked;
        ChatResult answered;
        try (var provider = AzureProvider.create(settings(server))) {
            asked = provider.chatModel().stream(asking, d -> { });
            answered = provider.chatModel().complete(answering);
        }

        assertThat(asked.toolCalls()).containsExactly(call);
        assertThat(answered.text()).isEqualTo("It is noon.");
        RecordedRequest first = server.takeRequest();
        assertThat(first.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions");
        assertThat(FakeOpenAiServer.json(first).at("/tools/0/function/name").asText()).isEqualTo("time");
        JsonNode second = server.takeRequestJson();
        assertThat(second.at("/messages/1/tool_calls/0/function/arguments").asText()).isEqualTo(call.arguments());
        assertThat(second.at("/messages/2/role").asText()).isEqualTo("tool");
        assertThat(second.at("/messages/2/tool_call_id").asText()).isEqualTo("call_1");
    }

    @Test
    void tool_call_deltas_among_azure_filter_annotations_are_gathered() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body("""
                data: {"choices":[],"created":0,"id":"","model":"","object":"","prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"hate":{"filtered":false,"severity":"safe"}}}]}

                data: {"choices":[{"content_filter_results":{},"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"time","arguments":""}}]},"finish_reason":null,"index":0}],"created":1,"id":"x","model":"gpt-4o","object":"chat.completion.chunk"}

                data: {"choices":[{"content_filter_results":{},"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]},"finish_reason":null,"index":0}],"created":1,"id":"x","model":"gpt-4o","object":"chat.completion.chunk"}

                data: {"choices":[{"content_filter_results":{},"delta":{},"finish_reason":"tool_calls","index":0}],"created":1,"id":"x","model":"gpt-4o","object":"chat.completion.chunk"}

                data: [DONE]

                """).build());

        ChatResult result;
        try (var provider = AzureProvider.create(settings(server))) {
            result = provider.chatModel().stream(QUESTION, d -> { });
        }

        assertThat(result.wantsTools()).isTrue();
        assertThat(result.toolCalls()).containsExactly(new ToolCall("call_a", "time", "{}"));
    }

    @Test
    void a_refused_azure_key_is_benched_and_the_question_answered_with_the_resources_other_key_whole_and_streamed() {
        String first = "azure-key-one-1111";
        String second = "azure-key-two-2222";
        server.acceptKeys(second);

        ChatResult whole;
        ChatResult streamed;
        try (var provider = AzureProvider.create(settings(server).toBuilder().apiKeys(List.of(first, second)).build())) {
            whole = provider.chatModel().complete(QUESTION);
            streamed = provider.chatModel().stream(QUESTION, d -> { });
        }

        assertThat(whole.status()).isEqualTo(ChatStatus.OK);
        assertThat(streamed.status()).isEqualTo(ChatStatus.OK);
        assertThat(server.keysUsed()).containsExactly(first, second, second);
        assertThat(server.takeRequest().getHeaders().get("api-key")).isEqualTo(first);
    }

    @Test
    void the_probe_reports_each_azure_key_working_or_refused() {
        server.acceptKeys(KEY);

        List<KeyProbe> probes;
        try (var provider = AzureProvider.create(settings(server).toBuilder()
                .apiKeys(List.of(KEY, "azure-key-old-0000")).build())) {
            probes = provider.probeKeys();
        }

        assertThat(probes).extracting(KeyProbe::key).containsExactly("…T-42", "…0000");
        assertThat(probes).extracting(KeyProbe::verdict).containsExactly(KeyProbe.Verdict.WORKS, KeyProbe.Verdict.REFUSED);
    }
}
