package dev.dingbot.app.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of generated bad bot messages through the Stream gateway, then frames that are not even Stream frames:
 * the bot stays up, ACKs, answers a good message afterwards and never shows a stack trace in a chat.
 *
 * <p>A WebSocket text frame must be valid UTF-8, so the invalid bytes of {@link BadPayloads} reach the bot as
 * U+FFFD here; raw invalid bytes are sent by the HTTP-callback test. A frame whose data is not JSON at all never
 * reaches the bot: the SDK fails to parse it ("dispatch command failed") and sends no ACK, so only frames with JSON
 * data are required to be ACKed.
 */
class MalformedFramesTest extends BotInFakeWorld {
    static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void malformed_frames_neither_stop_the_bot_nor_put_a_stack_trace_into_a_chat() throws Exception {
        sendBadFrames(2_500);
    }

    @Test
    @Tag("slow")
    void ten_thousand_malformed_frames_neither_stop_the_bot_nor_put_a_stack_trace_into_a_chat() throws Exception {
        sendBadFrames(10_000);
    }

    private void sendBadFrames(int frames) throws Exception {
        world.fsync("never").writeConfig(dir, "");
        bot = world.runStreamBot(dir);
        BadPayloads bad = new BadPayloads(2026, world.gateway.apiBaseUrl());
        Set<String> mustAck = new HashSet<>();
        int brokenJson = 0;
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            String payload = new String(bad.next(i), StandardCharsets.UTF_8);
            String messageId = world.gateway.pushBotMessage(payload);
            if (isJson(payload)) mustAck.add(messageId); else brokenJson++;
            // paced: the SDK drops frames (no ACK) when its 2048-slot work queue is full
            if (i % 500 == 499) awaitAcks(mustAck);
        }
        awaitAcks(mustAck);
        long frameMillis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Integer> codes = new HashMap<>();
        world.gateway.acks().forEach(a -> codes.put(a.messageId(), a.code()));
        assertThat(mustAck).allSatisfy(id -> assertThat(codes.get(id)).as("ACK of %s", id).isEqualTo(200));
        int brokenAcked = codes.size() - mustAck.size();
        int rawAcks = world.gateway.acks().size();
        for (String frame : notStreamFrames()) world.gateway.pushRawFrame(frame);

        List<Traffic.Question> good = Traffic.questions(1, 1, world.gateway.apiBaseUrl());
        if (world.gateway.openConnections() == 0) {
            assertThat(world.gateway.awaitConnections(world.gateway.connectionsOpened() + 1, Duration.ofSeconds(15)))
                    .as("reconnected after the raw frames").isTrue();
        }
        world.gateway.pushBotMessage(good.get(0).json());
        assertThat(Traffic.awaitAnswers(world.api, good, Duration.ofSeconds(30))).isEmpty();

        List<ApiMessage> replies = world.api.messages();
        assertThat(replies).extracting(ApiMessage::text)
                .noneMatch(t -> t.contains("Exception") || t.contains("\tat ") || t.contains("at dev.dingbot"));
        assertThat(bot.output().lines().filter(line -> line.contains(" ERROR ") && line.contains(" d.d.")))
                .as("errors logged by the bot's own code").isEmpty();
        assertThat(bot.isAlive()).isTrue();
        assertThat(bot.output()).doesNotContain("OutOfMemoryError");
        System.out.printf("malformed frames: %d bad bot messages in %d ms; %d with JSON data all ACKed 200,"
                        + " %d of %d with broken JSON ACKed (the SDK fails on the rest before the bot sees them);"
                        + " %d answered (well-formed enough: unknown types, coerced values); %d ACKs to %d junk"
                        + " frames; %d connections%n",
                frames, frameMillis, mustAck.size(), brokenAcked, brokenJson, replies.size() - 1,
                world.gateway.acks().size() - rawAcks, notStreamFrames().size(), world.gateway.connectionsOpened());
    }

    /** Waits until every one of these frames is ACKed; fails with the bot's last words. */
    private void awaitAcks(Set<String> messageIds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Set<String> acked = new HashSet<>();
        while (true) {
            world.gateway.acks().forEach(a -> acked.add(a.messageId()));
            if (acked.containsAll(messageIds)) return;
            if (System.nanoTime() > deadline) {
                throw new AssertionError(messageIds.stream().filter(id -> !acked.contains(id)).count()
                        + " frames with JSON data not ACKed; the bot said:\n" + tail(bot.output()));
            }
            Thread.sleep(20);
        }
    }

    private static boolean isJson(String payload) {
        try {
            JSON.readTree(payload);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 6000));
    }

    /** Frames the gateway would never send: not JSON, no headers, unknown type or topic, data not a string. */
    private static List<String> notStreamFrames() {
        String topic = FakeDingTalkGateway.BOT_TOPIC;
        return List.of("", "not json", "{", "[]", "null", "{}",
                "{\"type\":\"CALLBACK\",\"headers\":{},\"data\":\"{}\"}",
                "{\"specVersion\":\"1.0\",\"type\":\"CALLBACK\",\"headers\":{\"messageId\":\"r1\",\"topic\":\"" + topic
                        + "\",\"contentType\":\"application/json\"},\"data\":{\"msgId\":\"x\"}}",
                "{\"specVersion\":\"1.0\",\"type\":\"CALLBACK\",\"headers\":{\"messageId\":\"r2\",\"topic\":\"" + topic
                        + "\",\"contentType\":\"text/xml\"},\"data\":\"<xml/>\"}",
                "{\"specVersion\":\"1.0\",\"type\":\"BOGUS\",\"headers\":{\"messageId\":\"r3\",\"topic\":\"/x\","
                        + "\"contentType\":\"application/json\"},\"data\":\"{}\"}",
                "{\"specVersion\":\"1.0\",\"type\":\"CALLBACK\",\"headers\":{\"messageId\":\"r4\",\"topic\":\"/unknown\","
                        + "\"contentType\":\"application/json\"},\"data\":\"{}\"}",
                "{\"specVersion\":\"1.0\",\"type\":\"SYSTEM\",\"headers\":{\"messageId\":\"r5\",\"topic\":\"ping\","
                        + "\"contentType\":\"application/json\"},\"data\":\"not json\"}",
                "{\"specVersion\":\"1.0\",\"type\":\"CALLBACK\",\"headers\":{\"messageId\":\"r6\",\"topic\":\"" + topic
                        + "\",\"contentType\":\"application/json\"},\"data\":null}");
    }
}
