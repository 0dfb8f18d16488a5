package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.tls.HandshakeCertificates;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain WebSocket client of the fake gateway: opens one Stream connection of an app and keeps the frames it gets. */
final class StreamTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;

    private StreamTestClient(WebSocket socket, BlockingQueue<JsonNode> frames) {
        this.socket = socket;
        this.frames = frames;
    }

    /** An HTTP client that trusts the fake gateway's certificate. */
    static OkHttpClient trustingHttp() {
        HandshakeCertificates trust = GatewayTrust.clientCertificates();
        return new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
    }

    /** Calls open-connection as {@code clientId} and connects with the ticket. */
    static StreamTestClient connect(OkHttpClient http, FakeDingTalkGateway gateway, String clientId)
            throws IOException {
        JsonNode open;
        String credential = JSON.createObjectNode().put("clientId", clientId).put("clientSecret", "s").toString();
        try (Response r = http.newCall(new Request.Builder()
                .url(gateway.apiBaseUrl() + FakeDingTalkGateway.OPEN_CONNECTION_PATH)
                .post(RequestBody.create(credential, MediaType.get("application/json"))).build()).execute()) {
            open = JSON.readTree(r.body().string());
        }
        String url = open.path("endpoint").asText().replace("wss://", "https://") + "?ticket="
                + open.path("ticket").asText();
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    frames.add(JSON.readTree(text));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        return new StreamTestClient(socket, frames);
    }

    /** The next frame this connection got, null when none came within {@code timeout}. */
    JsonNode nextFrame(Duration timeout) throws InterruptedException {
        return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Frames received and not yet taken. */
    int framesWaiting() {
        return frames.size();
    }

    /** ACKs {@code frame} with code 200, as the SDK does after its listener returned. */
    void ack(JsonNode frame) {
        socket.send(JSON.createObjectNode().put("code", 200).put("message", "OK").put("data", "{\"response\":null}")
                .set("headers", JSON.createObjectNode()
                        .put("messageId", frame.path("headers").path("messageId").asText())).toString());
    }

    /** Drops the connection without a close handshake, as when the bot process is killed. */
    void kill() {
        socket.cancel();
    }

    void close() {
        socket.close(1000, null);
    }
}
