package dev.dingbot.benchmarks.system;

import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The reference: the same fake model called straight from here, with the same HTTP client library the bot
 * uses, so that "bot minus direct" is what the bot adds.
 */
final class DirectModel implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");

    /** Time to the first answer text and to the end of the answer, in nanoseconds. */
    record Timing(long firstTextNanos, long wholeNanos) {
    }

    private final OkHttpClient client;
    private final String url;
    private final ExecutorService callers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "direct-model");
        t.setDaemon(true);
        return t;
    });

    DirectModel(String baseUrl) {
        okhttp3.Dispatcher dispatcher = new okhttp3.Dispatcher();
        dispatcher.setMaxRequests(4096);
        dispatcher.setMaxRequestsPerHost(4096);
        this.client = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(Duration.ofSeconds(60)).build();
        this.url = baseUrl + "/chat/completions";
    }

    /** Calls the model on a thread of its own; {@code done} gets the timing (or null on failure). */
    void callAsync(boolean stream, java.util.function.Consumer<Timing> done) {
        long start = System.nanoTime();
        callers.execute(() -> {
            try {
                done.accept(call(stream, start));
            } catch (IOException e) {
                done.accept(null);
            }
        });
    }

    private Timing call(boolean stream, long start) throws IOException {
        String body = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"what is the weather like\"}],"
                + "\"stream\":" + stream + "}";
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer sk-bench")
                .post(RequestBody.create(body, JSON)).build();
        try (Response response = client.newCall(request).execute()) {
            BufferedSource source = response.body().source();
            if (!stream) {
                source.readUtf8();
                long whole = System.nanoTime() - start;
                return new Timing(whole, whole);
            }
            long first = 0;
            String line;
            while ((line = source.readUtf8Line()) != null) {
                if (first == 0 && line.startsWith("data: ") && line.contains("\"content\":\"")
                        && !line.contains("\"content\":\"\"")) {
                    first = System.nanoTime() - start;
                }
            }
            return new Timing(first, System.nanoTime() - start);
        }
    }

    @Override
    public void close() throws InterruptedException {
        callers.shutdown();
        callers.awaitTermination(30, TimeUnit.SECONDS);
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
