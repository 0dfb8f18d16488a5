package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes over the wire: the fake refuses what the real API refuses, so every answer here is also a check. */
class MessagesRequestTest {

    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg==");

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private AnthropicProvider provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build());

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    @Test
    void a_request_carries_the_api_key_the_api_version_and_a_json_content_type() {
        provider.chatModel().complete(AnthropicFixtures.question("hi"));

        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(request.getHeaders().get("x-api-key")).isEqualTo(AnthropicFixtures.KEY);
        assertThat(request.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.getHeaders().get("content-type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("Authorization")).isNull();
    }

    @Test
    void a_request_naming_a_model_sends_that_name_and_the_model_lists_the_configured_one() {
        var request = new ChatRequest(List.of(ChatTurn.user("hi")), "u", 100, List.of(), "claude-opus-4-1");

        provider.chatModel().complete(request);

        assertThat(server.takeRequestJson().path("model").asText()).isEqualTo("claude-opus-4-1");
        assertThat(provider.chatModel().models()).containsExactly(provider.chatModel().modelName());
    }

    @Test
    void a_base_url_ending_in_v1_is_not_given_a_second_one() {
        assertThat(AnthropicSettings.defaults("", "k", "m").messagesUrl()).isEqualTo("https://api.anthropic.com/v1/messages");
        assertThat(AnthropicSettings.defaults("https://gw.example/anthropic/v1/", "k", "m").messagesUrl())
                .isEqualTo("https://gw.example/anthropic/v1/messages");
        assertThat(AnthropicSettings.defaults("https://gw.example/anthropic", "k", "m").messagesUrl())
                .isEqualTo("https://gw.example/anthropic/v1/messages");
    }

    @Test
    void the_system_prompt_goes_at_the_top_level_and_never_as_a_message() {
        var request = new ChatRequest(List.of(ChatTurn.system("Be brief."), ChatTurn.system("Answer in Chinese."),
                ChatTurn.user("hi")), "u", 100);

        ChatStatus status = provider.chatModel().complete(request).status();

        JsonNode body = server.takeRequestJson();
        assertThat(status).isEqualTo(ChatStatus.OK);
        assertThat(body.path("system").asText()).isEqualTo("Be brief.\n\nAnswer in Chinese.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("user");
        assertThat(body.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("hi");
    }

    @Test
    void turns_of_one_role_in_a_row_are_merged_and_a_leading_assistant_turn_is_dropped_so_that_roles_alternate() {
        var request = new ChatRequest(List.of(ChatTurn.system("Be brief."), ChatTurn.assistant("(earlier answer)"),
                ChatTurn.user("first question"), ChatTurn.user("second question"), ChatTurn.assistant("answer"),
                ChatTurn.assistant(""), ChatTurn.user("third question")), "u", 100);

        ChatStatus status = provider.chatModel().complete(request).status();

        JsonNode messages = server.takeRequestJson().path("messages");
        assertThat(status).isEqualTo(ChatStatus.OK);
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).path("content")).extracting(b -> b.path("text").asText())
                .containsExactly("first question", "second question");
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(1).path("content")).hasSize(1);
        assertThat(messages.get(2).path("content").get(0).path("text").asText()).isEqualTo("third question");
    }

    @Test
    void a_picture_goes_as_a_base64_image_block_before_the_question() {
        var request = new ChatRequest(List.of(ChatTurn.user("what is this?", List.of(new Image(PNG, "image/png")))), "u", 100);

        ChatStatus status = provider.chatModel().complete(request).status();

        JsonNode content = server.takeRequestJson().path("messages").get(0).path("content");
        assertThat(status).isEqualTo(ChatStatus.OK);
        assertThat(content.get(0).path("type").asText()).isEqualTo("image");
        assertThat(content.get(0).path("source").path("type").asText()).isEqualTo("base64");
        assertThat(content.get(0).path("source").path("media_type").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(content.get(0).path("source").path("data").asText())).isEqualTo(PNG);
        assertThat(content.get(1).path("text").asText()).isEqualTo("what is this?");
    }

    @Test
    void max_tokens_is_always_sent_the_request_s_limit_or_else_the_settings() {
        provider.chatModel().complete(AnthropicFixtures.question("hi"));
        provider.chatModel().complete(new ChatRequest(List.of(ChatTurn.user("hi")), "u", 0));

        assertThat(server.takeRequestJson().path("max_tokens").asInt()).isEqualTo(100);
        assertThat(server.takeRequestJson().path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void only_a_stream_says_stream_and_no_sampling_parameter_is_sent_that_the_request_does_not_carry() {
        provider.chatModel().complete(AnthropicFixtures.question("hi"));
        provider.chatModel().stream(AnthropicFixtures.question("hi"), d -> { });

        JsonNode whole = server.takeRequestJson();
        JsonNode streamed = server.takeRequestJson();
        assertThat(whole.has("stream")).isFalse();
        assertThat(streamed.path("stream").asBoolean()).isTrue();
        assertThat(streamed.has("temperature")).isFalse();
        assertThat(streamed.has("top_p")).isFalse();
        assertThat(streamed.path("model").asText()).isEqualTo(AnthropicFixtures.MODEL);
    }

    @Test
    void thinking_is_asked_for_with_its_budget_on_top_of_the_answer_limit_but_not_in_a_round_with_tool_traffic() {
        provider.close();
        provider = AnthropicProvider.create(AnthropicFixtures.settings(server).thinkingBudgetTokens(2048).build());
        var toolRound = new ChatRequest(List.of(ChatTurn.user("whois example.com"),
                ChatTurn.assistantCalling("", List.of(new ToolCall("toolu_1", "whois", "{\"domain\":\"example.com\"}"))),
                ChatTurn.toolResult("toolu_1", "registered 1995")), "u", 100);

        ChatStatus plain = provider.chatModel().complete(AnthropicFixtures.question("hi")).status();
        ChatStatus afterTools = provider.chatModel().complete(toolRound).status();

        JsonNode first = server.takeRequestJson();
        JsonNode second = server.takeRequestJson();
        assertThat(plain).isEqualTo(ChatStatus.OK);
        assertThat(afterTools).isEqualTo(ChatStatus.OK);
        assertThat(first.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(first.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
        assertThat(first.path("max_tokens").asInt()).isEqualTo(2148);
        assertThat(second.has("thinking")).isFalse();
        assertThat(second.path("max_tokens").asInt()).isEqualTo(100);
    }

    @Test
    void settings_never_print_the_api_key() {
        assertThat(AnthropicFixtures.settings(server).build().toString()).doesNotContain(AnthropicFixtures.KEY).contains("***");
    }
}
