package dev.dingbot.openai;

import dev.dingbot.core.contract.StreamsAtOnce;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import static dev.dingbot.openai.Fixtures.FINISH_STOP;
import static dev.dingbot.openai.Fixtures.chunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Streams read without a thread each: where no proxy is set, the answer is read as its bytes arrive. */
class AsyncStreamingTest {

    @Test
    void forty_answers_streamed_at_once_are_read_on_a_few_reading_threads_and_no_caller_waits_for_them() {
        int answers = 40;
        try (var server = FakeOpenAiServer.start().defaultAnswer("hello world", 3, Duration.ofMillis(300), Duration.ZERO);
             var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            var streams = StreamsAtOnce.start(provider.chatModel(), Fixtures.question("hi"), answers);

            assertThat(streams.underWayOnceAllStarted()).isEqualTo(answers);
            assertThat(streams.answers()).hasSize(answers).extracting(ChatResult::text).containsOnly("hello world");
            assertThat(streams.pieceThreads()).isNotEmpty().allMatch(name -> name.startsWith("model-stream-read-"))
                    .hasSizeLessThanOrEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
        }
    }

    @Test
    void once_the_answer_is_done_the_rest_of_its_body_is_read_so_the_next_answer_reuses_the_connection()
            throws Exception {
        try (var server = FakeOpenAiServer.start();
             var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            for (String text : List.of("first", "second")) {
                server.enqueueRawStream(List.of("data: " + chunk(text) + "\n\ndata: " + FINISH_STOP
                        + "\n\ndata: [DONE]\n\n", ": after the end\n\n"), Duration.ofMillis(20));
            }

            ChatResult first = provider.chatModel().streamAsync(Fixtures.question("one"), ChatListener.IGNORE).join();
            // The answer is whole at [DONE]; its body ends 20 ms later, and only then is the connection free again.
            Thread.sleep(300);
            ChatResult second = provider.chatModel().streamAsync(Fixtures.question("two"), ChatListener.IGNORE).join();

            assertThat(first.text()).isEqualTo("first");
            assertThat(second.text()).isEqualTo("second");
            assertThat(server.takeRequest().getConnectionIndex()).isEqualTo(server.takeRequest().getConnectionIndex());
        }
    }

    @Test
    void what_the_listener_throws_ends_the_async_stream_with_it_and_comes_out_of_the_blocking_stream() {
        var trouble = new IllegalStateException("the listener broke");
        try (var server = FakeOpenAiServer.start();
             var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            server.enqueueStream(List.of("a", "b"), Duration.ZERO, Duration.ZERO);
            server.enqueueStream(List.of("a", "b"), Duration.ZERO, Duration.ZERO);

            var async = provider.chatModel().streamAsync(Fixtures.question("hi"), delta -> { throw trouble; });

            assertThatThrownBy(async::join).isInstanceOf(CompletionException.class).hasCause(trouble);
            assertThatThrownBy(() -> provider.chatModel().stream(Fixtures.question("hi"), delta -> { throw trouble; }))
                    .isSameAs(trouble);
        }
    }

    @Test
    void a_refused_connection_is_a_network_failure_naming_the_address_it_tried() {
        var settings = OpenAiSettings.builder("http://127.0.0.1:1/v1", Fixtures.KEY, "gpt-4o-mini")
                .retry(Fixtures.settings(FakeOpenAiServer.start()).retry()).build();
        try (var provider = OpenAiProvider.create(settings)) {
            ChatResult result = provider.chatModel().streamAsync(Fixtures.question("hi"), ChatListener.IGNORE).join();

            assertThat(result.status()).isEqualTo(ChatStatus.NETWORK);
            assertThat(result.providerMessage()).contains("127.0.0.1:1").doesNotContain("Exception");
        }
    }
}
