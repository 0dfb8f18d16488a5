package dev.dingbot.modelhttp;

import dev.dingbot.core.concurrent.DaemonThreads;
import dev.dingbot.core.concurrent.VirtualThreads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Streams answers over the JDK's HttpClient, which reads every connection from one selector and hands the bytes to
 * a few threads: thousands of answers stream without a thread each, also on JDK 17. One per provider, used where no
 * proxy is set (the JDK client speaks no SOCKS and, by default, sends no Basic credentials to a proxy for HTTPS);
 * proxied streams and everything that is not a stream stay on the provider's OkHttp client.
 */
public final class StreamClient implements AutoCloseable {

    /** Threads an answer finishes on when the JDK has no virtual threads: stored, its last frame sent, tools run. */
    private static final int ANSWER_THREADS = 32;

    private final Timeouts timeouts;
    private final ExecutorService reading;
    private final ScheduledExecutorService timer;
    private final ExecutorService answers;
    private final HttpClient client;

    public StreamClient(Timeouts timeouts) {
        this.timeouts = timeouts;
        this.reading = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                DaemonThreads.named("model-stream-read"));
        this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("model-stream-timer"));
        this.answers = VirtualThreads.perTaskExecutor().orElseGet(() -> {
            var pool = new ThreadPoolExecutor(ANSWER_THREADS, ANSWER_THREADS, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), DaemonThreads.named("model-answer"));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // as the OkHttp client speaks to plain http:// servers
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(reading)
                .build();
    }

    /**
     * Posts the JSON for a streamed answer, read into {@code answer}; completes on one of this client's threads (a
     * reading thread, or its timer when the request failed or timed out), which must not block.
     */
    public <F extends RetryableFailure> CompletableFuture<StreamCall.Heard<F>> post(
            String url, Map<String, String> headers, String json, StreamedAnswer<F> answer) {
        var request = HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                // The client's own limit covers the wait for the response headers; StreamCall times the body.
                .timeout(timeouts.connect().plus(timeouts.idleRead()));
        headers.forEach(request::header);
        return new StreamCall<>(answer, timeouts, timer).start(client, request.build());
    }

    /** Where answers finish and retries start: threads that may block. */
    public Executor answers() {
        return answers;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        answers.shutdown();
        reading.shutdown();
    }
}
