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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayRedeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_message_pushed_while_disconnected_waits_for_the_next_connection_and_comes_again_until_acked()
            throws Exception {
        HandshakeCertificates trust = GatewayTrust.clientCertificates();
        OkHttpClient client = new OkHttpClient.Builder()
                .sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build();
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            gateway.redeliverUnacked(Duration.ofMillis(300));
            gateway.pushBotMessage("{\"msgId\":\"m1\"}");
            assertThat(gateway.heldWhileDisconnected()).isEqualTo(1);

            BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
            WebSocket socket = connect(client, gateway, frames);
            JsonNode first = frames.poll(5, TimeUnit.SECONDS);
            JsonNode second = frames.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).as("pushed again without an ACK").isNotNull();
            assertThat(second.path("data").asText()).isEqualTo("{\"msgId\":\"m1\"}");
            assertThat(second.path("headers").path("messageId").asText())
                    .isNotEqualTo(first.path("headers").path("messageId").asText());

            socket.send(JSON.createObjectNode().put("code", 200).put("message", "OK").put("data", "{}")
                    .set("headers", JSON.createObjectNode()
                            .put("messageId", second.path("headers").path("messageId").asText())).toString());
            assertThat(gateway.awaitAllBotMessagesAcked(Duration.ofSeconds(5))).isTrue();
            frames.poll(600, TimeUnit.MILLISECONDS); // one more may have crossed the ACK
            assertThat(frames.poll(600, TimeUnit.MILLISECONDS)).as("nothing after the ACK").isNull();
            assertThat(gateway.redeliveries()).isPositive();
            socket.close(1000, null);
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }

    private static WebSocket connect(OkHttpClient client, FakeDingTalkGateway gateway, BlockingQueue<JsonNode> frames)
            throws Exception {
        JsonNode open;
        try (Response r = client.newCall(new Request.Builder()
                .url(gateway.apiBaseUrl() + FakeDingTalkGateway.OPEN_CONNECTION_PATH)
                .post(RequestBody.create("{\"clientId\":\"app1\",\"clientSecret\":\"s\"}",
                        MediaType.get("application/json"))).build()).execute()) {
            open = JSON.readTree(r.body().string());
        }
        String url = open.path("endpoint").asText().replace("wss://", "https://") + "?ticket="
                + open.path("ticket").asText();
        return client.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    frames.add(JSON.readTree(text));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }
}
