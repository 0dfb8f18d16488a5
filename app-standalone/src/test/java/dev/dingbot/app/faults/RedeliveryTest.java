package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.dingtalk.StreamAck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway pushes every bot message several times (new header messageId, same msgId): one answer each. */
class RedeliveryTest extends BotInFakeWorld {

    @Test
    void a_thousand_messages_each_pushed_two_to_five_times_are_each_answered_exactly_once() throws Exception {
        int count = 1000;
        world.fsync("never").writeConfig(dir, Traffic.NO_LIMITS_PER_USER);
        bot = world.runStreamBot(dir);
        List<Traffic.Question> questions = Traffic.questions(count, 40, world.gateway.apiBaseUrl());
        Random random = new Random(11);
        List<Traffic.Question> frames = new ArrayList<>();
        for (Traffic.Question q : questions) {
            for (int i = 2 + random.nextInt(4); i > 0; i--) frames.add(q);
        }
        Collections.shuffle(frames, random);

        long start = System.nanoTime();
        // Paced in batches: the SDK drops frames (no ACK) when its 2048-slot work queue is full.
        for (int i = 0; i < frames.size(); i++) {
            world.gateway.pushBotMessage(frames.get(i).json());
            if (i % 200 == 199) assertThat(world.gateway.awaitAcks(i + 1, Duration.ofSeconds(20))).isTrue();
        }
        assertThat(world.gateway.awaitAcks(frames.size(), Duration.ofSeconds(20))).isTrue();
        assertThat(Traffic.awaitAnswers(world.api, questions, Duration.ofSeconds(60))).isEmpty();
        long answeredMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(1000); // a second answer, if any, would come after the first

        assertThat(world.gateway.acks()).hasSize(frames.size()).allMatch(a -> a.code() == 200);
        assertThat(Traffic.duplicated(world.api, questions)).isEmpty();
        assertThat(world.api.requests(FakeDingTalkApi.WEBHOOK)).hasSize(count);
        System.out.printf("redelivery: %d messages in %d frames answered once each in %d ms, slowest ACK %d ms%n",
                count, frames.size(), answeredMillis,
                world.gateway.acks().stream().map(StreamAck::latency).max(Duration::compareTo).orElseThrow().toMillis());
    }
}
