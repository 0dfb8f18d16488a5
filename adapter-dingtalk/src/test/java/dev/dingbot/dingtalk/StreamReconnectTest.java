package dev.dingbot.dingtalk;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK keeps the channel connected: it reconnects on SYSTEM disconnect and after the server closes. */
class StreamReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The SDK checks its connections every 5 s; one tick plus the handshake. */
    private static final Duration RECONNECT = Duration.ofSeconds(12);

    @Test
    void after_a_system_disconnect_the_sdk_reconnects_at_once_and_later_messages_are_handled() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            rig.gateway.disconnect(Duration.ofMillis(700));

            assertThat(rig.gateway.awaitOpenConnectionCalls(2, WAIT)).as("a new open-connection call").isTrue();
            assertThat(rig.gateway.awaitConnections(2, WAIT)).as("a second WebSocket").isTrue();
            assertThat(RecordingBot.awaitUntil(() -> rig.gateway.openConnections() == 1, WAIT))
                    .as("the gateway closed the old connection").isTrue();
            String messageId = rig.gateway.pushBotMessage(BotMessages.group().msgId("afterDisconnect").json());

            assertThat(rig.gateway.awaitAck(messageId, WAIT)).isPresent();
            assertThat(rig.bot.awaitHandled(1, WAIT)).isTrue();
            assertThat(rig.bot.messages()).extracting(IncomingMessage::msgId).containsExactly("afterDisconnect");
            assertThat(RecordingBot.awaitUntil(rig.channel::streamConnected, WAIT)).isTrue();
        }
    }

    @Test
    void each_reconnection_is_reported_once_for_its_app_and_the_first_connection_is_not() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            Thread.sleep(1500); // the watcher has seen the first connection
            assertThat(rig.reconnected).isEmpty();

            rig.gateway.disconnect(Duration.ofMillis(700));

            assertThat(RecordingBot.awaitUntil(() -> !rig.reconnected.isEmpty(), WAIT)).as("reported").isTrue();
            Thread.sleep(1500);
            assertThat(rig.reconnected).containsExactly(StreamRig.CLIENT_ID);
        }
    }

    @Test
    void after_the_server_closes_the_socket_the_channel_reports_down_then_reconnects_and_handles_messages()
            throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            assertThat(RecordingBot.awaitUntil(rig.channel::streamConnected, WAIT)).isTrue();

            rig.gateway.closeSocket();

            assertThat(RecordingBot.awaitUntil(() -> !rig.channel.streamConnected(), WAIT))
                    .as("readiness drops with the connection").isTrue();
            assertThat(rig.gateway.awaitConnections(2, RECONNECT)).as("reconnected").isTrue();
            assertThat(rig.gateway.openConnectionCalls()).isEqualTo(2);
            String messageId = rig.gateway.pushBotMessage(BotMessages.group().msgId("afterClose").json());
            assertThat(rig.gateway.awaitAck(messageId, WAIT)).isPresent();
            assertThat(rig.bot.awaitHandled(1, WAIT)).isTrue();
            assertThat(rig.bot.messages()).extracting(IncomingMessage::msgId).containsExactly("afterClose");
            assertThat(RecordingBot.awaitUntil(rig.channel::streamConnected, WAIT)).isTrue();
        }
    }

    @Test
    @Tag("slow")
    void a_refused_open_connection_is_retried_on_the_next_tick() throws Exception {
        try (StreamRig rig = new StreamRig(new RecordingBot())) {
            rig.gateway.refuseOpenConnection(1);
            rig.gateway.closeSocket();

            assertThat(rig.gateway.awaitOpenConnectionCalls(2, RECONNECT)).as("refused call").isTrue();
            assertThat(rig.channel.streamConnected()).isFalse();
            assertThat(rig.gateway.awaitConnections(2, RECONNECT.plus(RECONNECT))).as("connected again").isTrue();
            assertThat(rig.gateway.openConnectionCalls()).isEqualTo(3);
            String messageId = rig.gateway.pushBotMessage(BotMessages.privateChat().msgId("afterRefusal").json());
            assertThat(rig.gateway.awaitAck(messageId, WAIT)).isPresent();
        }
    }
}
