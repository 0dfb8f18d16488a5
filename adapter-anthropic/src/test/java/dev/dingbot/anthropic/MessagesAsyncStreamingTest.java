package dev.dingbot.anthropic;

import dev.dingbot.core.contract.StreamsAtOnce;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Claude's streams read without a thread each: where no proxy is set, the answer is read as its bytes arrive. */
class MessagesAsyncStreamingTest {

    @Test
    void forty_claude_answers_streamed_at_once_are_read_on_a_few_reading_threads_and_no_caller_waits_for_them() {
        int answers = 40;
        try (var server = FakeAnthropicServer.start().eventGap(Duration.ofMillis(50));
             var provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build())) {
            var streams = StreamsAtOnce.start(provider.chatModel(), AnthropicFixtures.question("hi"), answers);

            assertThat(streams.underWayOnceAllStarted()).isEqualTo(answers);
            assertThat(streams.answers()).hasSize(answers).extracting(ChatResult::text).containsOnly("hello world");
            assertThat(streams.pieceThreads()).isNotEmpty().allMatch(name -> name.startsWith("model-stream-read-"))
                    .hasSizeLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
    }

    @Test
    void a_key_refused_while_streaming_without_a_thread_is_benched_and_the_next_key_answers() {
        try (var server = FakeAnthropicServer.start().acceptKeys("sk-ant-good");
             var provider = AnthropicProvider.create(AnthropicFixtures.settings(server)
                     .apiKeys(List.of("sk-ant-revoked", "sk-ant-good")).build())) {
            ChatResult result = provider.chatModel().streamAsync(AnthropicFixtures.question("hi"), ChatListener.IGNORE)
                    .join();

            assertThat(result.status()).isEqualTo(ChatStatus.OK);
            assertThat(server.keysUsed()).containsExactly("sk-ant-revoked", "sk-ant-good");
        }
    }

    @Test
    void what_the_listener_throws_ends_the_claude_stream_with_it_async_and_blocking() {
        var trouble = new IllegalStateException("the listener broke");
        try (var server = FakeAnthropicServer.start();
             var provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build())) {
            var async = provider.chatModel().streamAsync(AnthropicFixtures.question("hi"), delta -> { throw trouble; });

            assertThatThrownBy(async::join).isInstanceOf(CompletionException.class).hasCause(trouble);
            assertThatThrownBy(() -> provider.chatModel().stream(AnthropicFixtures.question("hi"),
                    delta -> { throw trouble; })).isSameAs(trouble);
        }
    }

    @Test
    void a_refused_connection_to_claude_is_a_network_failure_naming_the_address_it_tried() {
        var settings = AnthropicSettings.builder("http://127.0.0.1:1", AnthropicFixtures.KEY, AnthropicFixtures.MODEL)
                .retry(AnthropicFixtures.RETRY).build();
        try (var provider = AnthropicProvider.create(settings)) {
            ChatResult result = provider.chatModel().streamAsync(AnthropicFixtures.question("hi"), ChatListener.IGNORE)
                    .join();

            assertThat(result.status()).isEqualTo(ChatStatus.NETWORK);
            assertThat(result.providerMessage()).contains("127.0.0.1:1").doesNotContain("Exception");
        }
    }
}
