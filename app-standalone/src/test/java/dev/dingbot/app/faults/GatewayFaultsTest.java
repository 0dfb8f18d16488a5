package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway cuts the connection (a plain close, and SYSTEM disconnect followed by a close) while messages flow;
 * it delivers at least once, as the real one does. The bot reconnects and no message is lost or answered twice.
 */
class GatewayFaultsTest extends BotInFakeWorld {

    @Test
    void messages_sent_across_dropped_connections_and_disconnects_are_each_answered_exactly_once() throws Exception {
        world.fsync("never").gateway.redeliverUnacked(Duration.ofSeconds(2));
        world.writeConfig(dir, Traffic.NO_LIMITS_PER_USER);
        bot = world.runStreamBot(dir);
        List<Traffic.Question> questions = Traffic.questions(150, 20, world.gateway.apiBaseUrl());
        CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> {
            for (Traffic.Question q : questions) {
                world.gateway.pushBotMessage(q.json());
                pause(40);
            }
        });

        pause(1500);
        world.gateway.closeSocket();
        awaitReconnect(2);
        pause(1000);
        world.gateway.disconnect(Duration.ofSeconds(1));
        awaitReconnect(3);
        pause(1000);
        world.gateway.closeSocket();
        awaitReconnect(4);
        feeder.get(30, TimeUnit.SECONDS);

        assertThat(Traffic.awaitAnswers(world.api, questions, Duration.ofSeconds(30))).isEmpty();
        assertThat(world.gateway.awaitAllBotMessagesAcked(Duration.ofSeconds(10))).isTrue();
        pause(1000);
        assertThat(Traffic.duplicated(world.api, questions)).isEmpty();
        assertThat(world.gateway.connectionsOpened()).isGreaterThanOrEqualTo(4);
        assertThat(world.gateway.heldWhileDisconnected() + world.gateway.redeliveries())
                .as("frames that needed the at-least-once delivery").isPositive();
        assertThat(bot.isAlive()).isTrue();
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + world.httpPort + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("the three reconnections are counted (two if two fell between the same two looks)")
                .containsPattern("dingbot_stream_reconnects_total\\{client_id=\"[^\"]+\"\\} [23]\\b");
        System.out.printf("gateway faults: %d messages over %d connections, %d held while no connection was open,"
                        + " %d frames redelivered, all answered once%n", questions.size(),
                world.gateway.connectionsOpened(), world.gateway.heldWhileDisconnected(), world.gateway.redeliveries());
    }

    private void awaitReconnect(int connections) {
        assertThat(world.gateway.awaitConnections(connections, Duration.ofSeconds(15)))
                .as("connection %d opened", connections).isTrue();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
