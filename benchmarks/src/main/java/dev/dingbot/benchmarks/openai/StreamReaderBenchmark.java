package dev.dingbot.benchmarks.openai;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.openai.OpenAiProvider;
import dev.dingbot.openai.OpenAiSettings;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Streams a 1 MB answer (mixed ASCII and CJK) in small chunks from a loopback fake server through the OpenAI
 * adapter's stream reader, and prints the throughput and the time the adapter adds per chunk compared with merely
 * draining the same bytes off the socket.
 *
 * <p>Run: {@code ./mvnw -o -q -Pbench -pl benchmarks -am install -DskipTests} then
 * {@code ./mvnw -o -q -Pbench -pl benchmarks exec:java -Dexec.mainClass=dev.dingbot.benchmarks.openai.StreamReaderBenchmark}.
 */
public final class StreamReaderBenchmark {

    private static final int ANSWER_BYTES = 1 << 20;
    private static final int CHUNK_CHARS = 16;
    private static final int WARMUP = 3;
    private static final int RUNS = 15;

    private StreamReaderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String answer = answer();
        int answerBytes = answer.getBytes(StandardCharsets.UTF_8).length;
        try (var server = FakeOpenAiServer.start().defaultAnswer(answer, CHUNK_CHARS, Duration.ZERO, Duration.ZERO);
             var provider = OpenAiProvider.create(OpenAiSettings.defaults(server.baseUrl(), "sk-bench", "gpt-4o-mini"))) {
            var raw = new OkHttpClient();
            var request = new ChatRequest(List.of(ChatTurn.user("write a lot")), "", 0);
            long wireBytes = 0;
            int chunks = 0;
            long[] rawNs = new long[RUNS];
            long[] oursNs = new long[RUNS];
            for (int i = -WARMUP; i < RUNS; i++) {
                long t0 = System.nanoTime();
                wireBytes = drain(raw, server.baseUrl());
                long t1 = System.nanoTime();
                var counter = new ChunkCounter();
                ChatResult result = provider.chatModel().stream(request, counter);
                long t2 = System.nanoTime();
                if (!result.isOk() || !result.text().equals(answer)) {
                    throw new IllegalStateException("answer came back wrong: " + result.status() + " " + result.providerMessage());
                }
                chunks = counter.chunks;
                if (i >= 0) {
                    rawNs[i] = t1 - t0;
                    oursNs[i] = t2 - t1;
                }
            }
            raw.dispatcher().executorService().shutdown();
            // The fastest run is the least disturbed by other work on the machine; medians are shown for spread.
            long rawBest = Arrays.stream(rawNs).min().orElseThrow();
            long oursBest = Arrays.stream(oursNs).min().orElseThrow();
            double seconds = oursBest / 1e9;
            System.out.printf("StreamReaderBenchmark: %d answer bytes in %d chunks (%d bytes on the wire), best of %d runs%n",
                    answerBytes, chunks, wireBytes, RUNS);
            System.out.printf("  drain only (socket, no parsing):  %8.1f ms (median %.1f)%n", rawBest / 1e6, median(rawNs) / 1e6);
            System.out.printf("  through the adapter's reader:     %8.1f ms (median %.1f)%n", oursBest / 1e6, median(oursNs) / 1e6);
            System.out.printf("  answer throughput:                %8.2f MB/s (wire %.2f MB/s)%n",
                    answerBytes / 1e6 / seconds, wireBytes / 1e6 / seconds);
            System.out.printf("  added per chunk:                  %8.2f µs%n", (oursBest - rawBest) / 1e3 / chunks);
        }
    }

    /** Reads the whole streamed body without parsing it: what any client pays for the transport alone. */
    private static long drain(OkHttpClient client, String baseUrl) throws IOException {
        var body = RequestBody.create("{\"model\":\"m\",\"messages\":[],\"stream\":true}", MediaType.get("application/json"));
        try (Response response = client.newCall(new Request.Builder().url(baseUrl + "/chat/completions").post(body).build()).execute()) {
            BufferedSource source = response.body().source();
            long total = 0;
            while (!source.exhausted()) {
                total += source.getBuffer().size();
                source.getBuffer().clear();
            }
            return total;
        }
    }

    private static String answer() {
        var text = new StringBuilder();
        String[] words = {"stream ", "答案 ", "token ", "钉钉机器人 ", "latency ", "🚀 "};
        for (int i = 0; text.toString().getBytes(StandardCharsets.UTF_8).length < ANSWER_BYTES; i++) {
            for (int j = 0; j < 1000; j++) text.append(words[(i + j) % words.length]);
        }
        return text.toString();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static final class ChunkCounter implements ChatListener {
        int chunks;

        @Override
        public void onText(String delta) {
            chunks++;
        }
    }
}
