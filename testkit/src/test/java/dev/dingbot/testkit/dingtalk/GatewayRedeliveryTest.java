package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayRedeliveryTest {

    @Test
    void a_message_pushed_while_disconnected_waits_for_the_next_connection_and_comes_again_until_acked()
            throws Exception {
        OkHttpClient client = StreamTestClient.trustingHttp();
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            gateway.redeliverUnacked(Duration.ofMillis(300));
            gateway.pushBotMessage("{\"msgId\":\"m1\"}");
            assertThat(gateway.heldWhileDisconnected()).isEqualTo(1);

            StreamTestClient bot = StreamTestClient.connect(client, gateway, "app1");
            JsonNode first = bot.nextFrame(Duration.ofSeconds(5));
            JsonNode second = bot.nextFrame(Duration.ofSeconds(5));
            assertThat(first).isNotNull();
            assertThat(second).as("pushed again without an ACK").isNotNull();
            assertThat(second.path("data").asText()).isEqualTo("{\"msgId\":\"m1\"}");
            assertThat(second.path("headers").path("messageId").asText())
                    .isNotEqualTo(first.path("headers").path("messageId").asText());

            bot.ack(second);
            assertThat(gateway.awaitAllBotMessagesAcked(Duration.ofSeconds(5))).isTrue();
            bot.nextFrame(Duration.ofMillis(600)); // one more may have crossed the ACK
            assertThat(bot.nextFrame(Duration.ofMillis(600))).as("nothing after the ACK").isNull();
            assertThat(gateway.redeliveries()).isPositive();
            bot.close();
        } finally {
            client.dispatcher().executorService().shutdown();
        }
    }
}
