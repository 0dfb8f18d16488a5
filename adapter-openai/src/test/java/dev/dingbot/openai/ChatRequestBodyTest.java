package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Image;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatRequestBodyTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode sent(OpenAiSettings settings, ChatRequest request, boolean stream) {
        try (var provider = OpenAiProvider.create(settings)) {
            if (stream) provider.chatModel().stream(request, d -> { });
            else provider.chatModel().complete(request);
        }
        return server.takeRequestJson();
    }

    @Test
    void a_completion_posts_model_roles_and_string_contents_to_chat_completions_with_a_bearer_key() {
        var request = new ChatRequest(List.of(ChatTurn.system("sys"), ChatTurn.user("q1"), ChatTurn.assistant("a1"),
                ChatTurn.user("q2")), "user-42", 100);
        try (var provider = OpenAiProvider.create(Fixtures.settings(server, "my-local-model:7b"))) {
            provider.chatModel().complete(request);
        }
        RecordedRequest recorded = server.takeRequest();
        JsonNode body = Json.parseOrNull(recorded.getBody().utf8());

        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + Fixtures.KEY);
        assertThat(body.get("model").asText()).isEqualTo("my-local-model:7b");
        assertThat(body.get("messages").findValuesAsText("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(body.get("messages").findValuesAsText("content")).containsExactly("sys", "q1", "a1", "q2");
        assertThat(body.get("user").asText()).isEqualTo("user-42");
        assertThat(body.has("stream")).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void a_turn_with_images_is_sent_as_text_and_data_url_parts() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        var request = new ChatRequest(List.of(ChatTurn.user("What is this?", List.of(Image.of(png)))), "", 100);

        JsonNode content = sent(Fixtures.settings(server), request, false).at("/messages/0/content");

        assertThat(content.isArray()).isTrue();
        assertThat(content.get(0).get("type").asText()).isEqualTo("text");
        assertThat(content.get(0).get("text").asText()).isEqualTo("What is this?");
        assertThat(content.get(1).get("type").asText()).isEqualTo("image_url");
        assertThat(content.get(1).at("/image_url/url").asText())
                .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
    }

    @Test
    void a_stream_asks_for_usage_in_stream_options() {
        JsonNode body = sent(Fixtures.settings(server), Fixtures.question("hi"), true);

        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"o1-mini", "o3", "o4-mini", "gpt-5", "gpt-5.1-chat", "openai/o3-mini"})
    void reasoning_families_get_max_completion_tokens_and_no_temperature(String model) {
        JsonNode body = sent(Fixtures.settings(server, model).toBuilder().temperature(0.6).build(),
                Fixtures.question("hi"), false);

        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(100);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(body.has("temperature")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini", "deepseek-chat", "qwen-plus", "gpt-4.1"})
    void other_models_get_max_tokens_and_the_configured_temperature(String model) {
        JsonNode body = sent(Fixtures.settings(server, model).toBuilder().temperature(0.6).build(),
                Fixtures.question("hi"), false);

        assertThat(body.get("max_tokens").asInt()).isEqualTo(100);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.6);
    }

    @Test
    void the_max_tokens_field_can_be_forced_either_way() {
        JsonNode forcedNew = sent(Fixtures.settings(server, "gpt-4o")
                .toBuilder().maxTokensField(OpenAiSettings.MaxTokensField.MAX_COMPLETION_TOKENS).build(),
                Fixtures.question("hi"), false);
        JsonNode forcedOld = sent(Fixtures.settings(server, "o3")
                .toBuilder().maxTokensField(OpenAiSettings.MaxTokensField.MAX_TOKENS).build(),
                Fixtures.question("hi"), false);

        assertThat(forcedNew.has("max_completion_tokens")).isTrue();
        assertThat(forcedOld.has("max_tokens")).isTrue();
    }

    @Test
    void temperature_is_left_out_when_not_configured() {
        assertThat(sent(Fixtures.settings(server), Fixtures.question("hi"), false).has("temperature")).isFalse();
    }
}
