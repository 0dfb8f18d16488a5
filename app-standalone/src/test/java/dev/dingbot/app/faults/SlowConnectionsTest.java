package dev.dingbot.app.faults;

import dev.dingbot.app.http.AppHttpServer;
import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.app.system.FakeWorld;
import dev.dingbot.testkit.dingtalk.CallbackHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot in HTTP mode while slow clients hold connections open, trickling their headers or a signed callback's
 * body: the server still answers at once, and closes each slow request at its deadline.
 */
class SlowConnectionsTest extends BotInFakeWorld {

    static final Duration DEADLINE = AppHttpServer.REQUEST_DEADLINE;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    final List<Socket> slow = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        world.fsync("never").writeConfig(dir, "info", "http", "");
        bot = world.runBot(dir);
    }

    @AfterEach
    void closeSlowClients() throws IOException {
        trickler.shutdownNow();
        for (Socket socket : slow) socket.close();
    }

    @Test
    void healthz_answers_within_a_second_while_fifty_slow_clients_trickle_their_headers_or_bodies() throws Exception {
        for (int i = 0; i < 50; i++) {
            if (i % 5 == 0) tricklingBody();
            else tricklingHeaders();
        }
        Thread.sleep(1_000); // every slow request has reached the server and holds whatever it was given

        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(url("/healthz"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(slow).as("the slow clients still hold their connections").allMatch(SlowConnectionsTest::open);
    }

    @Test
    void a_request_trickling_its_headers_or_its_body_is_closed_at_its_deadline() throws Exception {
        long start = System.nanoTime();
        Socket headers = tricklingHeaders();
        Socket body = tricklingBody();

        assertClosedWithin(headers, DEADLINE.plusSeconds(3));
        assertClosedWithin(body, DEADLINE.plusSeconds(3));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(DEADLINE.minusSeconds(1));
        assertThat(http.send(HttpRequest.newBuilder(url("/healthz")).timeout(Duration.ofSeconds(1)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    /** A GET whose header lines come one every half second and never end. */
    private Socket tricklingHeaders() throws IOException {
        Socket socket = connect("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        trickle(socket, "X-Slow: a\r\n");
        return socket;
    }

    /** A signed callback whose body comes a byte every half second and never ends. */
    private Socket tricklingBody() throws IOException {
        StringBuilder request = new StringBuilder("POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 4096\r\n");
        CallbackHeaders.signedNow(FakeWorld.CLIENT_SECRET)
                .forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        Socket socket = connect(request.append("\r\n{").toString());
        trickle(socket, " ");
        return socket;
    }

    private Socket connect(String start) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), world.httpPort);
        slow.add(socket);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private void trickle(Socket socket, String piece) {
        byte[] bytes = piece.getBytes(StandardCharsets.US_ASCII);
        trickler.scheduleWithFixedDelay(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
            } catch (IOException closed) {
                // the server gave up on it; what the test looks at
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Open: nothing to read, neither an answer nor the end of the stream. */
    private static boolean open(Socket socket) {
        try {
            socket.setSoTimeout(1);
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException stillWaiting) {
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    private static void assertClosedWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read()).as("no answer, only the end of the connection").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("still open after " + timeout, e);
        } catch (IOException reset) {
            // closed with bytes of ours unread: a reset is a close too
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + world.httpPort + path);
    }
}
