package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model server fails 30% of calls at random: 503, 429 with retry-after, a connection cut in the middle of the
 * body, a body stalled past the read timeout. Every user gets the answer or the clear error, in time, and the bot
 * holds no more threads or sockets afterwards than after a calm round of the same size.
 */
class ModelFaultsTest extends BotInFakeWorld {
    static final String ERROR_PREFIX = "[Wrong] 请求 OpenAI 失败了";
    static final int USERS = 30;


    @Test
    void with_thirty_percent_of_model_calls_failing_every_user_gets_an_answer_or_a_clear_error_and_nothing_leaks()
            throws Exception {
        world.fsync("never").writeConfig(dir, """
                openai:
                  read_timeout: 1s
                  max_retries: 2
                """);
        bot = world.runStreamBot(dir);
        // as many questions as the faulty round: pools (the SDK's 64 frame consumers) reach the size it will see
        round(Traffic.questions(3 * USERS, USERS, world.gateway.apiBaseUrl()));
        Thread.sleep(2000);
        int threadsBefore = bot.threads();
        int socketsBefore = bot.openSockets();

        world.openAi.failRandomly(0.3, 42, Duration.ofSeconds(3));
        List<Traffic.Question> questions = Traffic.questions(3 * USERS, USERS, world.gateway.apiBaseUrl());
        long slowestMillis = round(questions);

        Map<String, List<ApiRequest>> posts = Traffic.postsBySession(world.api);
        Map<String, ApiMessage> replies = new HashMap<>();
        world.api.messages().forEach(m -> replies.put(m.target(), m));
        int errors = 0;
        for (Traffic.Question q : questions) {
            assertThat(posts.get(q.session())).as("replies to %s", q.msgId()).hasSize(1);
            String text = replies.get(q.session()).text();
            assertThat(text).satisfiesAnyOf(t -> assertThat(t).isEqualTo("hello world"),
                    t -> assertThat(t).startsWith(ERROR_PREFIX));
            if (text.startsWith(ERROR_PREFIX)) errors++;
        }
        Map<FakeOpenAiServer.Fault, Integer> faults = world.openAi.faultsServed();
        int passed = world.openAi.requestsPassed();
        assertThat(faults.keySet()).as("every kind of fault was served")
                .containsExactlyInAnyOrder(FakeOpenAiServer.Fault.values());

        // the model down altogether: the error path, which 30% faults and two retries rarely reach
        world.openAi.failRandomly(1.0, 43, Duration.ofSeconds(3));
        List<Traffic.Question> unlucky = Traffic.questions(5, 5, world.gateway.apiBaseUrl());
        long downMillis = round(unlucky);
        for (Traffic.Question q : unlucky) {
            assertThat(replies(q)).as("replies to %s with the model down", q.msgId()).singleElement()
                    .satisfies(text -> assertThat(text).startsWith(ERROR_PREFIX).doesNotContain("Exception"));
        }

        Thread.sleep(4000); // stalled responses finish on the server side and their sockets close
        int threadsAfter = bot.threads();
        int socketsAfter = bot.openSockets();
        System.out.printf("model faults: %d questions, faults served %s, %d calls passed, %d error replies,"
                        + " slowest reply %d ms (%d ms with the model down); threads %d -> %d, sockets %d -> %d%n",
                questions.size(), faults, passed, errors, slowestMillis, downMillis,
                threadsBefore, threadsAfter, socketsBefore, socketsAfter);
        assertThat(slowestMillis).as("slowest reply, ms").isLessThan(60_000);
        assertThat(downMillis).as("slowest error reply, ms").isLessThan(60_000);
        assertThat(threadsAfter).as("threads of the bot").isLessThanOrEqualTo(threadsBefore + 4);
        assertThat(socketsAfter).as("open sockets of the bot").isLessThanOrEqualTo(socketsBefore + 4);
        assertThat(bot.isAlive()).isTrue();
    }

    @Test
    void with_answers_streamed_into_cards_and_thirty_percent_of_calls_failing_every_card_ends_answered_or_failed()
            throws Exception {
        world.fsync("never").writeConfig(dir, """
                stream_mode: true
                openai:
                  read_timeout: 1s
                  max_retries: 2
                """);
        bot = world.runStreamBot(dir);
        world.openAi.defaultAnswer("hello world, streamed in pieces", 6, Duration.ZERO, Duration.ofMillis(20));
        world.openAi.failRandomly(0.3, 44, Duration.ofSeconds(3));
        List<Traffic.Question> questions = Traffic.questions(USERS, USERS, world.gateway.apiBaseUrl());
        long start = System.nanoTime();
        for (Traffic.Question q : questions) world.gateway.pushBotMessage(q.json());

        long deadline = start + Duration.ofSeconds(60).toNanos();
        while (ended(world.api.cards()).size() < USERS) {
            assertThat(System.nanoTime()).as("every card ended: %s", world.api.cards()).isLessThan(deadline);
            Thread.sleep(100);
        }
        long endedMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(1000);

        List<ApiCard> cards = world.api.cards();
        assertThat(cards).hasSize(USERS);
        assertThat(cards).extracting(c -> c.openSpaceId().replaceAll(".*\\.", "")).doesNotHaveDuplicates();
        int interrupted = 0;
        int failed = 0;
        for (ApiCard card : cards) {
            String content = card.param("msgContent");
            assertThat(content).as("card %s", card.outTrackId()).doesNotContain("Exception")
                    .satisfiesAnyOf(t -> assertThat(t).endsWith("hello world, streamed in pieces"),
                            t -> assertThat(t).contains(ERROR_PREFIX),
                            t -> assertThat(t).contains("回答中断了"));
            if (content.contains("回答中断了")) interrupted++;
            if (card.param("flowStatus").equals("5")) failed++;
        }
        assertThat(world.openAi.faultsServed()).containsKey(FakeOpenAiServer.Fault.CUT_MID_BODY);
        System.out.printf("model faults, cards: %d cards ended within %d ms, faults served %s, %d cut short with"
                        + " a note, %d failed%n", cards.size(), endedMillis, world.openAi.faultsServed(),
                interrupted, failed);
    }

    /** Cards in an end state: finished (3) or failed (5). */
    private static List<ApiCard> ended(List<ApiCard> cards) {
        return cards.stream().filter(c -> c.param("flowStatus").equals("3") || c.param("flowStatus").equals("5"))
                .toList();
    }

    private List<String> replies(Traffic.Question q) {
        return world.api.messages().stream().filter(m -> m.target().equals(q.session())).map(ApiMessage::text).toList();
    }

    /** Pushes the questions at once and waits for every answer; returns the slowest time to answer, ms. */
    private long round(List<Traffic.Question> questions) throws InterruptedException {
        long start = System.nanoTime();
        for (Traffic.Question q : questions) world.gateway.pushBotMessage(q.json());
        assertThat(Traffic.awaitAnswers(world.api, questions, Duration.ofSeconds(60))).isEmpty();
        Map<String, List<ApiRequest>> posts = Traffic.postsBySession(world.api);
        return questions.stream().mapToLong(q -> posts.get(q.session()).get(0).nanoTime() - start).max()
                .orElse(0) / 1_000_000;
    }
}
