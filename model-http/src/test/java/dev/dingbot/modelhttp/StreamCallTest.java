package dev.dingbot.modelhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StreamCallTest {

    private record Failed(String summary) implements RetryableFailure {
        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public Duration retryAfter() {
            return null;
        }
    }

    /** Takes nothing in: every request here fails before an answer; notes the thread its failure was told on. */
    private static final class FailureThread implements StreamedAnswer<Failed> {
        volatile String threadName;

        @Override
        public String requestId(Function<String, String> headers) {
            return "-";
        }

        @Override
        public Failed httpFailure(int status, String body, Function<String, String> headers) {
            return new Failed("HTTP " + status);
        }

        @Override
        public boolean isWhole(String contentType) {
            return false;
        }

        @Override
        public Failed whole(String body) {
            return null;
        }

        @Override
        public boolean onEvent(String data) {
            return true;
        }

        @Override
        public Failed ioFailure(IOException e) {
            threadName = Thread.currentThread().getName();
            return new Failed(e.getMessage());
        }
    }

    @Test
    void a_refused_connection_is_told_on_the_stream_clients_own_timer_not_on_the_jdks_default_async_pool()
            throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var answer = new FailureThread();
        try (var client = new StreamClient(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(5)))) {
            var heard = client.post("http://127.0.0.1:" + closedPort + "/v1/chat/completions", Map.of(), "{}", answer)
                    .join();

            assertThat(heard.failure().summary()).isEqualTo("failed to connect to 127.0.0.1:" + closedPort);
            assertThat(answer.threadName).startsWith("model-stream-timer");
        }
    }
}
