package dev.dingbot.anthropic;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Usage;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import dev.dingbot.testkit.anthropic.ScriptedMessage;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesStreamTest {

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private final AnthropicProvider provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build());
    private final List<String> text = new ArrayList<>();
    private final List<String> reasoning = new ArrayList<>();
    private final ChatListener listener = new ChatListener() {
        @Override
        public void onText(String delta) {
            text.add(delta);
        }

        @Override
        public void onReasoning(String delta) {
            reasoning.add(delta);
        }
    };

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private ChatResult stream() {
        return provider.chatModel().stream(AnthropicFixtures.question("hi"), listener);
    }

    @Test
    void streamed_text_reaches_the_listener_in_order_and_makes_the_result() {
        server.defaultAnswer("潮水退去，才知道谁在裸泳。", 2);

        ChatResult result = stream();

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(text).hasSizeGreaterThan(3);
        assertThat(String.join("", text)).isEqualTo("潮水退去，才知道谁在裸泳。");
        assertThat(result.text()).isEqualTo("潮水退去，才知道谁在裸泳。");
    }

    @Test
    void thinking_is_kept_apart_from_the_answer_as_reasoning() {
        server.enqueueMessage(ScriptedMessage.thinkingThen("The user greets; greet back.", "Hello!"));

        ChatResult result = stream();

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo("Hello!");
        assertThat(result.reasoning()).isEqualTo("The user greets; greet back.");
        assertThat(String.join("", text)).isEqualTo("Hello!");
        assertThat(String.join("", reasoning)).isEqualTo("The user greets; greet back.");
    }

    @Test
    void thinking_in_a_whole_answer_is_kept_apart_too() {
        server.enqueueMessage(ScriptedMessage.thinkingThen("Greet back.", "Hello!"));

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.text()).isEqualTo("Hello!");
        assertThat(result.reasoning()).isEqualTo("Greet back.");
    }

    @Test
    void an_answer_stopped_by_max_tokens_is_truncated_with_its_text_kept() {
        server.enqueueMessage(ScriptedMessage.cutAtMaxTokens("The sea is wide and"));

        ChatResult streamed = stream();
        server.enqueueMessage(ScriptedMessage.cutAtMaxTokens("The sea is wide and"));
        ChatResult whole = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(streamed.status()).isEqualTo(ChatStatus.TRUNCATED);
        assertThat(streamed.text()).isEqualTo("The sea is wide and");
        assertThat(whole.status()).isEqualTo(ChatStatus.TRUNCATED);
        assertThat(whole.text()).isEqualTo("The sea is wide and");
    }

    @Test
    void a_refusal_stop_is_reported_as_filtered_content() {
        server.enqueueMessage(new ScriptedMessage("", "", List.of(), "refusal", 25, 1));

        ChatResult result = stream();

        assertThat(result.status()).isEqualTo(ChatStatus.CONTENT_FILTERED);
        assertThat(result.providerMessage()).contains("refusal");
    }

    @Test
    void usage_is_the_input_tokens_of_message_start_and_the_output_tokens_of_message_delta() {
        server.enqueueMessage(new ScriptedMessage("", "Hello!", List.of(), "end_turn", 321, 17));

        ChatResult result = stream();

        assertThat(result.usage()).contains(new Usage(AnthropicFixtures.MODEL, 321, 17));
    }

    @Test
    void usage_of_a_whole_answer_counts_cached_input_tokens_as_input() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"Hi"}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":10,"cache_creation_input_tokens":100,"cache_read_input_tokens":1000,"output_tokens":3}}
                """).build());

        ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

        assertThat(result.text()).isEqualTo("Hi");
        assertThat(result.usage()).contains(new Usage(AnthropicFixtures.MODEL, 1110, 3));
    }

    @Test
    void an_overloaded_error_event_after_some_text_interrupts_the_answer_keeps_the_text_and_is_not_retried() {
        server.enqueueErrorEventAfter("The sea is", "overloaded_error", "Overloaded");

        ChatResult result = stream();

        assertThat(result.status()).isEqualTo(ChatStatus.INTERRUPTED);
        assertThat(result.text()).isEqualTo("The sea is");
        assertThat(String.join("", text)).isEqualTo("The sea is");
        assertThat(result.providerMessage()).isEqualTo("Overloaded");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void an_overloaded_error_event_before_any_text_is_retried_and_the_retry_answers() {
        server.enqueueErrorEventAfter("", "overloaded_error", "Overloaded");
        server.enqueueMessage(ScriptedMessage.text("Hello!"));

        ChatResult result = stream();

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo("Hello!");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_stream_that_ends_before_message_stop_is_interrupted_with_its_text_kept() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body("""
                event: message_start
                data: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","content":[],"usage":{"input_tokens":5,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Half an"}}

                """).build());

        ChatResult result = stream();

        assertThat(result.status()).isEqualTo(ChatStatus.INTERRUPTED);
        assertThat(result.text()).isEqualTo("Half an");
        assertThat(server.requestCount()).isEqualTo(1);
    }
}
