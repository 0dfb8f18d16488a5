package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The reference for a reply that needs no model: the fakes' side posts the same markdown to the fake session
 * webhook itself, with the HTTP client library the bot uses, at the tick the bot's question is pushed. Its time to
 * arrive is what the fakes' own load costs any reply; "bot minus direct" is what the bot adds.
 */
final class DirectWebhook implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final String BODY = "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"帮助\",\"text\":\"帮助文本\"}}";

    private final OkHttpClient client = new OkHttpClient();
    private final HttpUrl api;
    private final Map<String, Long> postedNanos = new ConcurrentHashMap<>();
    private final ExecutorService posters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "direct-webhook");
        t.setDaemon(true);
        return t;
    });

    DirectWebhook(String apiBaseUrl) {
        this.api = HttpUrl.get(apiBaseUrl);
    }

    /** Posts to the webhook of {@code session} on a thread of its own, timed from now. */
    void postAsync(String session) {
        postedNanos.put(session, System.nanoTime());
        posters.execute(() -> {
            Request request = new Request.Builder().url(FakeDingTalkApi.webhookUrl(api, session))
                    .post(RequestBody.create(BODY, JSON)).build();
            try (Response response = client.newCall(request).execute()) {
                response.body().string();
            } catch (IOException e) {
                postedNanos.remove(session); // not arrived: left out of the figures
            }
        });
    }

    /** The posts as sent frames would be: keyed by session, timed from the tick. */
    List<Traffic.Sent> sent() {
        return postedNanos.entrySet().stream().map(e -> new Traffic.Sent(e.getKey(), "", e.getValue())).toList();
    }

    @Override
    public void close() throws InterruptedException {
        posters.shutdown();
        posters.awaitTermination(30, TimeUnit.SECONDS);
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
