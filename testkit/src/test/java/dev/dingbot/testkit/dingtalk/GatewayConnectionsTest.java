package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Several Stream connections of one app, as when several bot processes run: DingTalk pushes each frame to one. */
class GatewayConnectionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "app1";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final OkHttpClient http = StreamTestClient.trustingHttp();

    @AfterEach
    void stopClient() {
        http.dispatcher().executorService().shutdown();
    }

    @Test
    void bot_messages_are_spread_at_random_over_the_apps_connections_and_the_same_seed_chooses_the_same_ones()
            throws Exception {
        List<Integer> firstRun = connectionsChosen(7);

        assertThat(firstRun).hasSize(30).contains(0, 1, 2);
        assertThat(connectionsChosen(7)).as("the same seed").isEqualTo(firstRun);
    }

    @Test
    void a_bot_message_pushed_to_a_chosen_connection_goes_to_that_connection() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            List<StreamTestClient> bots = connect(gateway, 3);

            gateway.pushBotMessageTo(1, BotMessages.group().msgId("by-index").json());
            gateway.pushBotMessageTo(gateway.connections().get(2), BotMessages.group().msgId("by-handle").json());

            assertThat(msgIdOf(bots.get(1).nextFrame(WAIT))).isEqualTo("by-index");
            assertThat(msgIdOf(bots.get(2).nextFrame(WAIT))).isEqualTo("by-handle");
            assertThat(bots.get(0).nextFrame(Duration.ofMillis(200))).isNull();
            assertThat(gateway.deliveriesOf("by-index")).singleElement()
                    .satisfies(d -> assertThat(d.connection().index()).isEqualTo(1));
        }
    }

    @Test
    void a_redelivered_copy_goes_to_another_connection_with_the_same_msg_id_and_a_new_message_id() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            List<StreamTestClient> bots = connect(gateway, 2);
            String first = gateway.pushBotMessageTo(0, BotMessages.group().msgId("m1").json());
            JsonNode original = bots.get(0).nextFrame(WAIT);

            String copyId = gateway.redeliver(first);

            JsonNode copy = bots.get(1).nextFrame(WAIT);
            assertThat(copy).isNotNull();
            assertThat(copy.path("data").asText()).isEqualTo(original.path("data").asText());
            assertThat(copy.path("headers").path("messageId").asText()).isEqualTo(copyId).isNotEqualTo(first);
            assertThat(gateway.deliveriesOf("m1")).extracting(d -> d.connection().index()).containsExactly(0, 1);
        }
    }

    @Test
    void a_copy_cannot_be_redelivered_when_the_app_has_no_other_open_connection() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            connect(gateway, 1);
            String first = gateway.pushBotMessage(BotMessages.group().msgId("m1").json());

            assertThatThrownBy(() -> gateway.redeliver(first)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void a_bot_message_for_a_connection_whose_bot_was_killed_goes_to_an_open_one() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            List<StreamTestClient> bots = connect(gateway, 2);
            bots.get(0).kill();
            assertThat(gateway.awaitOpenConnections(APP, 1, WAIT)).as("the killed connection seen closed").isTrue();

            gateway.pushBotMessageTo(0, BotMessages.group().msgId("m1").json());

            assertThat(msgIdOf(bots.get(1).nextFrame(WAIT))).isEqualTo("m1");
            assertThat(gateway.deliveriesOf("m1")).singleElement()
                    .satisfies(d -> assertThat(d.connection().index()).isEqualTo(1));
        }
    }

    @Test
    void an_unacked_bot_message_is_redelivered_to_another_connection_when_redelivery_is_on() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            gateway.redeliverUnacked(Duration.ofMillis(300));
            List<StreamTestClient> bots = connect(gateway, 2);

            String first = gateway.pushBotMessageTo(0, BotMessages.group().msgId("m1").json());
            assertThat(bots.get(0).nextFrame(WAIT)).as("first delivery, never ACKed").isNotNull();
            JsonNode copy = bots.get(1).nextFrame(WAIT);
            assertThat(copy).as("the copy on the other connection").isNotNull();
            assertThat(msgIdOf(copy)).isEqualTo("m1");
            assertThat(copy.path("headers").path("messageId").asText()).isNotEqualTo(first);
            bots.get(1).ack(copy);

            assertThat(gateway.awaitAllBotMessagesAcked(WAIT)).isTrue();
            assertThat(gateway.awaitAcked("m1", WAIT)).get()
                    .satisfies(d -> assertThat(d.connection().index()).isEqualTo(1));
            assertThat(gateway.deliveriesOf("m1").get(0).acked()).isFalse();
        }
    }

    @Test
    void an_unacked_bot_message_is_given_up_after_its_last_allowed_delivery() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            gateway.redeliverUnacked(Duration.ofMillis(200), 2);
            connect(gateway, 2);

            gateway.pushBotMessage(BotMessages.group().msgId("m1").json());

            assertThat(gateway.awaitBotMessagesAbandoned(1, WAIT)).isTrue();
            assertThat(gateway.deliveriesOf("m1")).hasSize(2)
                    .extracting(d -> d.connection().index()).doesNotHaveDuplicates();
            assertThat(gateway.unackedBotMessages()).isEqualTo(1);
        }
    }

    @Test
    void a_connection_told_to_disconnect_gets_no_more_bot_messages_while_another_is_open() throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().seed(3).start()) {
            connect(gateway, 2);
            gateway.disconnect(); // to the newest, connection 1

            for (int i = 0; i < 10; i++) gateway.pushBotMessage(BotMessages.group().msgId("m" + i).json());

            assertThat(gateway.deliveries()).extracting(d -> d.connection().index()).containsOnly(0);
        }
    }

    /** Which connection, of three, each of 30 bot messages went to, with the gateway seeded by {@code seed}. */
    private List<Integer> connectionsChosen(long seed) throws Exception {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().seed(seed).start()) {
            List<StreamTestClient> bots = connect(gateway, 3);
            for (int i = 0; i < 30; i++) gateway.pushBotMessage(BotMessages.group().msgId("m" + i).json());

            List<StreamDelivery> deliveries = gateway.deliveries();
            for (int index = 0; index < bots.size(); index++) {
                int expected = (int) deliveries.stream().filter(hasIndex(index)).count();
                for (int n = 0; n < expected; n++) {
                    assertThat(bots.get(index).nextFrame(WAIT)).as("frame %d on connection %d", n, index).isNotNull();
                }
            }
            assertThat(deliveries).extracting(StreamDelivery::msgId).doesNotHaveDuplicates();
            return deliveries.stream().map(d -> d.connection().index()).toList();
        }
    }

    private static Predicate<StreamDelivery> hasIndex(int index) {
        return d -> d.connection().index() == index;
    }

    /** Connects {@code count} clients of {@link #APP} one after the other, so that client i is connection i. */
    private List<StreamTestClient> connect(FakeDingTalkGateway gateway, int count) throws IOException {
        List<StreamTestClient> bots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bots.add(StreamTestClient.connect(http, gateway, APP));
            assertThat(gateway.awaitOpenConnections(APP, i + 1, WAIT)).as("connection %d open", i).isTrue();
        }
        return bots;
    }

    private static String msgIdOf(JsonNode frame) throws IOException {
        assertThat(frame).as("a frame").isNotNull();
        return JSON.readTree(frame.path("data").asText()).path("msgId").asText();
    }
}
