package dev.dingbot.openai;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.dingbot.openai.Fixtures.FINISH_STOP;
import static dev.dingbot.openai.Fixtures.chunk;
import static org.assertj.core.api.Assertions.assertThat;

class TimeoutTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAiProvider provider(Duration idle, Duration overall, int retries) {
        return OpenAiProvider.create(Fixtures.settings(server)
                .toBuilder().timeouts(new Timeouts(Duration.ofSeconds(2), idle, overall))
                .retry(new Retry(retries, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), Duration.ofSeconds(10)))
                .build());
    }

    @Test
    void silence_past_the_idle_read_timeout_before_any_text_is_a_timeout() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .bodyDelay(1, TimeUnit.SECONDS).body("data: " + chunk("late") + "\n\n").build());

        try (var provider = provider(Duration.ofMillis(200), Duration.ofSeconds(10), 0)) {
            ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), d -> { });

            assertThat(result.status()).isEqualTo(ChatStatus.TIMEOUT);
            assertThat(result.text()).isEmpty();
        }
    }

    @Test
    void a_network_failure_is_described_without_java_class_names_because_the_words_reach_the_chat() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .bodyDelay(1, TimeUnit.SECONDS).body("data: " + chunk("late") + "\n\n").build());
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .body("{\"choices\":[{\"message\":{\"content\":\"cut").throttleBody(8, 10, TimeUnit.MILLISECONDS)
                .onResponseBody(new mockwebserver3.SocketEffect.CloseSocket(true, false, false)).build());

        try (var provider = provider(Duration.ofMillis(200), Duration.ofSeconds(10), 0)) {
            ChatResult stalled = provider.chatModel().stream(Fixtures.question("hi"), d -> { });
            ChatResult cut = provider.chatModel().complete(Fixtures.question("hi"));

            assertThat(stalled.status()).isEqualTo(ChatStatus.TIMEOUT);
            assertThat(stalled.providerMessage()).as("stalled: %s", stalled.providerMessage()).doesNotContain("Exception");
            assertThat(cut.status()).isIn(ChatStatus.NETWORK, ChatStatus.TIMEOUT);
            assertThat(cut.providerMessage()).isNotBlank().doesNotContain("Exception").doesNotContain("java.");
        }
    }

    @Test
    void a_timeout_before_any_text_is_retried() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .bodyDelay(1, TimeUnit.SECONDS).body("data: " + chunk("late") + "\n\n").build());
        server.enqueueStream(List.of("on time"), Duration.ZERO, Duration.ZERO);

        try (var provider = provider(Duration.ofMillis(200), Duration.ofSeconds(10), 1)) {
            ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), d -> { });

            assertThat(result.text()).isEqualTo("on time");
            assertThat(server.requestCount()).isEqualTo(2);
        }
    }

    @Test
    void keep_alive_comments_reset_the_idle_read_timeout() {
        List<String> pieces = new ArrayList<>(Collections.nCopies(6, ": keep-alive\n\n"));
        pieces.add("data: " + chunk("thought long") + "\n\ndata: " + FINISH_STOP + "\n\ndata: [DONE]\n\n");
        server.enqueueRawStream(pieces, Duration.ofMillis(100));

        try (var provider = provider(Duration.ofMillis(300), Duration.ofSeconds(10), 0)) {
            ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), d -> { });

            assertThat(result.status()).isEqualTo(ChatStatus.OK);
            assertThat(result.text()).isEqualTo("thought long");
        }
    }

    @Test
    void a_stall_after_text_was_delivered_is_interrupted_with_that_text_and_not_retried() {
        server.enqueueRawStream(List.of("data: " + chunk("half an answer") + "\n\n", "data: " + FINISH_STOP + "\n\n"),
                Duration.ofMillis(1500));
        List<String> seen = new ArrayList<>();

        try (var provider = provider(Duration.ofMillis(200), Duration.ofSeconds(10), 2)) {
            ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), seen::add);

            assertThat(result.status()).isEqualTo(ChatStatus.INTERRUPTED);
            assertThat(result.text()).isEqualTo("half an answer");
            assertThat(seen).containsExactly("half an answer");
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void a_server_that_never_accepts_the_connection_hits_the_connect_timeout() throws Exception {
        // A listener whose accept queue is full: the kernel drops further SYNs, so connecting hangs.
        try (var full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                var filler = new Socket();
                try {
                    filler.connect(full.getLocalSocketAddress(), 200);
                } catch (IOException e) {
                    // the queue is already full
                }
                fillers.add(filler);
            }
            var settings = OpenAiSettings.builder("http://127.0.0.1:" + full.getLocalPort(), "k", "gpt-4o")
                    .timeouts(new Timeouts(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(10)))
                    .retry(Retry.none()).build();
            try (var provider = OpenAiProvider.create(settings)) {
                long start = System.nanoTime();
                ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

                assertThat(result.status()).isEqualTo(ChatStatus.TIMEOUT);
                assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
            } finally {
                for (Socket filler : fillers) filler.close();
            }
        }
    }

    @Test
    void the_overall_deadline_ends_a_stream_that_keeps_trickling() {
        server.enqueueRawStream(Collections.nCopies(30, ": keep-alive\n\n"), Duration.ofMillis(50));

        try (var provider = provider(Duration.ofSeconds(2), Duration.ofMillis(400), 0)) {
            long start = System.nanoTime();
            ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), d -> { });

            assertThat(result.status()).isEqualTo(ChatStatus.TIMEOUT);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1400);
        }
    }
}
