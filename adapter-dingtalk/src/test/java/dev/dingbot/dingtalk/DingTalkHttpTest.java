package dev.dingbot.dingtalk;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.concurrent.TaskRunner;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DingTalkHttpTest {

    private static final MediaType JSON = MediaType.get("application/json");

    @Test
    void replies_are_posted_while_the_task_runner_okhttp_shares_across_the_jvm_is_held_by_the_models_connections()
            throws Exception {
        OkHttpClient client = DingTalkHttp.client(Duration.ofSeconds(5));
        ExecutorService replies = Executors.newSingleThreadExecutor();
        try (MockWebServer webhook = new MockWebServer()) {
            for (int i = 0; i < 3; i++) webhook.enqueue(new MockResponse.Builder().body("{\"errcode\":0}").build());
            webhook.start(InetAddress.getLoopbackAddress(), 0);
            Future<List<Integer>> posted;
            // What a model connection holds while it opens or goes back to its pool.
            synchronized (TaskRunner.INSTANCE) {
                posted = replies.submit(() -> {
                    List<Integer> codes = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        Request post = new Request.Builder().url(webhook.url("/robot/sendBySession"))
                                .post(RequestBody.create("{\"msgtype\":\"text\"}", JSON)).build();
                        try (Response response = client.newCall(post).execute()) {
                            codes.add(response.code());
                        }
                    }
                    return codes;
                });
                assertThat(posted.get(5, TimeUnit.SECONDS)).containsExactly(200, 200, 200);
            }
            assertThat(client.connectionPool().connectionCount()).isEqualTo(1); // the three shared one connection
        } finally {
            replies.shutdownNow();
            client.connectionPool().evictAll();
        }
    }
}
