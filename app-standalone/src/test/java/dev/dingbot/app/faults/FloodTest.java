package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user sends 2,000 questions at once. The others are answered as usual and promptly, the model sees only a
 * handful of the flood, and the flood is answered with a few short notices instead of 2,000 replies.
 */
class FloodTest extends BotInFakeWorld {

    static final int FLOOD = 2000;

    @Test
    void a_flood_of_two_thousand_questions_from_one_user_neither_locks_the_others_out_nor_reaches_the_model()
            throws Exception {
        // a global bound below the flood: one sender alone could fill it before
        world.fsync("never").writeConfig(dir, """
                lanes:
                  max_queued: 1000
                """);
        bot = world.runStreamBot(dir);
        world.openAi.defaultAnswer("hello world", 100, Duration.ofMillis(20), Duration.ZERO);
        String api = world.gateway.apiBaseUrl();
        List<Traffic.Question> flood = Traffic.questionsFrom(0, FLOOD, api);
        List<Traffic.Question> others = Traffic.questionsFrom(1, 5, api);

        for (int i = 0; i < FLOOD; i++) {
            world.gateway.pushBotMessage(flood.get(i).json());
            if (i % 400 == 399) world.gateway.pushBotMessage(others.get(i / 400).json());
        }
        world.gateway.pushBotMessage(others.get(4).json());

        assertThat(Traffic.awaitAnswers(world.api, others, Duration.ofSeconds(60))).as("the other user's questions")
                .isEmpty();
        Set<String> otherSessions = others.stream().map(Traffic.Question::session).collect(Collectors.toSet());
        assertThat(world.api.messages()).filteredOn(m -> otherSessions.contains(m.target()))
                .extracting(ApiMessage::text).containsOnly("hello world");
        assertThat(world.gateway.awaitAllBotMessagesAcked(Duration.ofSeconds(60))).as("every frame acknowledged")
                .isTrue();
        Thread.sleep(2000); // what the flood still has queued drains

        Set<String> floodSessions = flood.stream().map(Traffic.Question::session).collect(Collectors.toSet());
        List<String> floodReplies = world.api.messages().stream().filter(m -> floodSessions.contains(m.target()))
                .map(ApiMessage::text).toList();
        int modelCalls = world.openAi.requestCount();
        System.out.printf("flood: %d questions from one user, %d model calls, %d replies to the flood (%d notices)%n",
                FLOOD, modelCalls, floodReplies.size(), floodReplies.stream().filter(t -> !t.equals("hello world")).count());
        assertThat(modelCalls).as("model calls").isLessThan(100);
        assertThat(floodReplies).as("replies to the flood").hasSizeLessThan(100)
                .noneMatch(t -> t.contains("当前提问的人太多了"))
                .anyMatch(t -> t.contains("太频繁"));
        assertThat(bot.isAlive()).isTrue();
    }
}
