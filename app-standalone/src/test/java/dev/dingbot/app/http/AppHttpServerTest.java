package dev.dingbot.app.http;

import dev.dingbot.core.testing.MutableClock;
import java.time.Instant;

import dev.dingbot.core.memory.InMemoryLinkStore;
import dev.dingbot.core.model.HistoryLinks;
import dev.dingbot.core.model.Image;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class AppHttpServerTest {

    @TempDir
    Path data;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    AppHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    AppHttpServer.Builder loopback() throws IOException {
        return AppHttpServer.builder().address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).threads(2);
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void healthz_answers_ok_and_the_root_answers_the_originals_health_json() throws Exception {
        server = loopback().build().start();

        assertThat(get("/healthz")).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("ok");
        });
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(root.body()).isEqualTo("{\"status\":\"ok\",\"message\":\"🚀 欢迎使用钉钉机器人 🤖\"}");
        assertThat(get("/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void readyz_is_200_only_while_every_check_passes() throws Exception {
        AtomicBoolean connected = new AtomicBoolean(false);
        server = loopback().readiness("stream ding-app-1 connected", connected::get)
                .readiness("store writable", () -> true).build().start();

        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).contains("FAIL stream ding-app-1 connected", "ok   store writable");

        connected.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void the_metrics_say_whether_readyz_passes() throws Exception {
        AtomicBoolean reachable = new AtomicBoolean(false);
        server = loopback().readiness("storage", reachable::get).build().start();

        assertThat(get("/metrics").body()).contains("\ndingbot_ready 0");
        reachable.set(true);
        assertThat(get("/metrics").body()).contains("\ndingbot_ready 1");
    }

    @Test
    void readyz_shows_detail_lines_that_do_not_decide_readiness() throws Exception {
        server = loopback().readiness("store writable", () -> true)
                .detail(() -> List.of("mcp ops: failed (connection refused), tried again in 4 s", "mcp docs: running, 2 tools"))
                .build().start();

        HttpResponse<String> ready = get("/readyz");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\nok   store writable\ninfo mcp ops: failed (connection refused), "
                + "tried again in 4 s\ninfo mcp docs: running, 2 tools\n");
    }

    @Test
    void a_detail_that_cannot_be_read_leaves_readyz_answering_with_its_checks() throws Exception {
        server = loopback().readiness("storage", () -> false)
                .detail(() -> {
                    throw new IllegalStateException("the database does not answer");
                })
                .build().start();

        HttpResponse<String> notReady = get("/readyz");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.body()).isEqualTo("not ready\nFAIL storage\ninfo (unavailable: IllegalStateException)\n");
    }

    @Test
    void a_data_dir_that_cannot_be_written_makes_the_app_not_ready() throws Exception {
        Path notADirectory = java.nio.file.Files.writeString(data.resolve("file"), "x");
        server = loopback().readiness("data dir writable", ReadinessChecks.writableDirectory(data.resolve("ok")))
                .readiness("broken dir writable", ReadinessChecks.writableDirectory(notADirectory.resolve("sub")))
                .build().start();

        HttpResponse<String> r = get("/readyz");

        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("ok   data dir writable", "FAIL broken dir writable");
    }

    @Test
    void metrics_are_served_in_prometheus_text_format() throws Exception {
        Metrics metrics = new Metrics();
        new BotMetrics(metrics).messageReceived("stream");
        server = loopback().metrics(metrics).build().start();

        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("version=0.0.4"));
        assertThat(r.body()).contains("dingbot_messages_received_total{channel=\"stream\"} 1");
    }

    @Test
    void callbacks_on_root_and_callback_path_reach_the_handler_with_headers_and_body() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        server = loopback().maxBodyBytes(64).callback(headers -> new CallbackEndpoint.ReadBody(body -> {
            seen.set(headers.get("timestamp") + "|" + headers.get("sign") + "|" + new String(body, StandardCharsets.UTF_8));
            return CallbackEndpoint.Response.json(200, "{}");
        })).build().start();

        for (String path : new String[] {"/", "/callback"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri(path)).header("timestamp", "1684493546276")
                    .header("Sign", "abc=").POST(HttpRequest.BodyPublishers.ofString("{\"msgId\":\"m1\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{}");
            assertThat(seen.getAndSet(null)).isEqualTo("1684493546276|abc=|{\"msgId\":\"m1\"}");
        }

        HttpResponse<String> tooBig = client.send(HttpRequest.newBuilder(uri("/callback"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(65))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(seen.get()).isNull();
    }

    @Test
    void a_callback_refused_on_its_headers_is_answered_without_waiting_for_its_body() throws Exception {
        server = loopback().callback(headers -> new CallbackEndpoint.Respond(CallbackEndpoint.Response.json(401, "{}")))
                .build().start();

        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write(("POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\ntimestamp: 1\r\n"
                    + "sign: forged=\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));

            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    @Test
    void the_server_listens_on_the_configured_host() throws Exception {
        server = AppHttpServer.builder().address("127.0.0.1", 0).threads(2).build().start();

        assertThat(server.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void a_callback_body_megabytes_over_the_limit_still_gets_its_413_instead_of_a_connection_reset() throws Exception {
        server = loopback().maxBodyBytes(1 << 20)
                .callback(headers -> new CallbackEndpoint.ReadBody(body -> CallbackEndpoint.Response.empty(200)))
                .build().start();

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/callback")).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[3 << 20])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void small_responses_are_not_held_back_by_nagle_and_delayed_acks() throws Exception {
        server = loopback().callback(headers -> new CallbackEndpoint.ReadBody(body ->
                CallbackEndpoint.Response.json(401, "{\"error\":\"sign\"}"))).build().start();
        get("/healthz");

        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/callback"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
        }
        // with Nagle's algorithm on, each response waits ~40 ms for the client's delayed ACK: 800 ms at least
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
    }

    @Test
    void without_a_callback_handler_posts_are_404() throws Exception {
        server = loopback().build().start();

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void a_history_link_renders_escaped_html_and_downloads_as_markdown() throws Exception {
        PublicPages links = new PublicPages(new InMemoryLinkStore(clock), "http://bot", Duration.ofHours(24), Duration.ofDays(7), clock);
        HistoryLinks published = links.publishHistory("张三", "## 🙋 张三 问\n\n<script>alert(1)</script>").orElseThrow();
        String token = PublicPagesTest.token(published);
        server = loopback().links(links).build().start();

        HttpResponse<String> page = get("/history/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(page.body()).contains("<h2>🙋 张三 问</h2>", "&lt;script&gt;").doesNotContain("<script>");

        HttpResponse<String> download = get("/download/" + token);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v ->
                assertThat(v).startsWith("attachment;").contains("filename*=UTF-8''%E5%BC%A0%E4%B8%89.md"));
        assertThat(download.body()).isEqualTo("## 🙋 张三 问\n\n<script>alert(1)</script>");
    }

    @Test
    void a_history_page_may_not_be_framed_by_any_other_page() throws Exception {
        PublicPages links = new PublicPages(new InMemoryLinkStore(clock), "http://bot", Duration.ofHours(24), Duration.ofDays(7), clock);
        String token = PublicPagesTest.token(links.publishHistory("张三", "## 问").orElseThrow());
        server = loopback().links(links).build().start();

        assertThat(get("/history/" + token).headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
    }

    @Test
    void unknown_expired_and_traversing_history_tokens_are_404() throws Exception {
        PublicPages links = new PublicPages(new InMemoryLinkStore(clock), "http://bot", Duration.ofMinutes(5), Duration.ofDays(7), clock);
        String token = PublicPagesTest.token(links.publishHistory("t", "x").orElseThrow());
        server = loopback().links(links).build().start();

        assertThat(get("/history/" + "A".repeat(32)).statusCode()).isEqualTo(404);
        assertThat(get("/download/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        assertThat(get("/history/../../config.yml").statusCode()).isEqualTo(404);
        clock.advance(Duration.ofMinutes(5));
        assertThat(get("/history/" + token).statusCode()).isEqualTo(404);
        assertThat(get("/download/" + token).statusCode()).isEqualTo(404);
    }

    @Test
    void a_stored_image_is_served_with_its_content_type() throws Exception {
        PublicPages links = new PublicPages(new InMemoryLinkStore(clock), "http://bot", Duration.ofHours(1), Duration.ofDays(7), clock);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3};
        String url = links.publishImage(Image.of(jpeg)).orElseThrow();
        server = loopback().links(links).build().start();

        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri(url.substring("http://bot".length()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(r.body()).isEqualTo(jpeg);
        assertThat(get("/images/" + "A".repeat(32) + ".png").statusCode()).isEqualTo(404);
    }

    @Test
    void a_stored_image_may_be_kept_by_the_browser_but_not_by_shared_caches() throws Exception {
        PublicPages links = new PublicPages(new InMemoryLinkStore(clock), "http://bot", Duration.ofHours(1), Duration.ofDays(7), clock);
        String url = links.publishImage(Image.of(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1})).orElseThrow();
        server = loopback().links(links).build().start();

        assertThat(get(url.substring("http://bot".length())).headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("private").doesNotContain("public"));
    }

    @Test
    void a_failing_callback_handler_gives_500_and_the_server_keeps_serving() throws Exception {
        server = loopback().callback(headers -> {
            throw new IllegalStateException("boom");
        }).build().start();

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/callback"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).doesNotContain("boom");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }
}
