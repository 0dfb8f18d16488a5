package dev.dingbot.openai;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {

    @Test
    void twelve_users_streaming_at_once_from_one_host_are_not_queued_behind_each_other() throws Exception {
        int users = 12;
        Duration ttft = Duration.ofMillis(1500);
        ExecutorService lanes = Executors.newFixedThreadPool(users);
        try (var server = FakeOpenAiServer.start().defaultAnswer("hello world", 3, ttft, Duration.ZERO);
             var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            long start = System.nanoTime();
            List<Future<ChatResult>> answers = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                answers.add(lanes.submit(() -> provider.chatModel().stream(Fixtures.question("hi"), d -> { })));
            }
            for (Future<ChatResult> answer : answers) assertThat(answer.get().text()).isEqualTo("hello world");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            // Queued 5 per host they would need at least three rounds of the first-token delay.
            assertThat(elapsedMs).isLessThan(2 * ttft.toMillis());
            assertThat(server.requestCount()).isEqualTo(users);
        } finally {
            lanes.shutdownNow();
        }
    }
}
