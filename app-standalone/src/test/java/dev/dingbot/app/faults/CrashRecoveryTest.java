package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.ApiRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot is SIGKILLed at random moments while messages flow, and restarted on the same data dir. The gateway
 * delivers at least once (un-ACKed frames are pushed again, frames pushed while the bot is down wait for it).
 *
 * <p>What is physically possible, and asserted: an ACKed message was journalled before its ACK, and an un-ACKed
 * one is pushed again, so no message is lost. A message whose answer was posted but whose completion was not yet
 * journalled when the kill came is answered again after the restart: a second answer must straddle a kill (the
 * first posted shortly before it, the second after it). Such a message holds a lane worker until its completion is
 * journalled, so one kill can repeat at most {@code lanes.workers} answers (+1 for the notice thread).
 */
class CrashRecoveryTest extends BotInFakeWorld {

    @Test
    void messages_flowing_through_sigkills_are_all_answered_and_only_answers_cut_by_a_kill_repeat() throws Exception {
        killWhileFlowing(150, 2, 3);
    }

    @Test
    @Tag("slow")
    void five_hundred_messages_through_six_sigkills_are_all_answered_and_only_answers_cut_by_a_kill_repeat()
            throws Exception {
        killWhileFlowing(500, 6, 5);
    }

    private static final int WORKERS = 8;

    private void killWhileFlowing(int count, int kills, long seed) throws Exception {
        world.fsync("never").gateway.redeliverUnacked(Duration.ofSeconds(2));
        world.writeConfig(dir, """
                quota:
                  model_calls_per_minute: 0
                lanes:
                  max_queued_per_sender: 100000
                  workers: %d
                """.formatted(WORKERS)); // Traffic.NO_LIMITS_PER_USER, with fewer workers
        bot = world.runStreamBot(dir);
        List<Traffic.Question> questions = Traffic.questions(count, 25, world.gateway.apiBaseUrl());
        Random random = new Random(seed);
        long pace = kills * 4_000L / count; // spread the messages over the kills and restarts
        CompletableFuture<Void> feeder = CompletableFuture.runAsync(() -> {
            for (Traffic.Question q : questions) {
                world.gateway.pushBotMessage(q.json());
                sleep(pace);
            }
        });

        List<Long> killedAt = new ArrayList<>();
        for (int i = 0; i < kills; i++) {
            Thread.sleep(300 + random.nextInt(1500));
            bot.kill();
            killedAt.add(System.nanoTime());
            Thread.sleep(random.nextInt(500));
            bot = world.runStreamBot(dir);
        }
        feeder.get(60, TimeUnit.SECONDS);
        assertThat(Traffic.awaitAnswers(world.api, questions, Duration.ofSeconds(60))).isEmpty();
        Thread.sleep(1500); // a replayed answer, if any, comes soon after the restart

        Map<String, List<ApiRequest>> posts = Traffic.postsBySession(world.api);
        int repeats = 0;
        long widestMillis = 0;
        for (Traffic.Question q : Traffic.duplicated(world.api, questions)) {
            List<ApiRequest> answers = posts.get(q.session());
            for (int i = 1; i < answers.size(); i++) {
                long earlier = answers.get(i - 1).nanoTime();
                long later = answers.get(i).nanoTime();
                long kill = killedAt.stream().filter(k -> earlier < k && k < later).findFirst()
                        .orElseThrow(() -> new AssertionError("no kill between two answers to " + q.msgId()));
                widestMillis = Math.max(widestMillis, (kill - earlier) / 1_000_000);
                repeats++;
            }
        }
        System.out.printf("crash: %d messages, %d kills, %d repeated answers (each posted at most %d ms before"
                        + " its kill), %d frames redelivered%n",
                count, kills, repeats, widestMillis, world.gateway.redeliveries());
        assertThat(widestMillis).as("answer that was repeated, ms before its kill").isLessThan(2000);
        assertThat(repeats).as("repeated answers").isLessThanOrEqualTo(kills * (WORKERS + 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
