package dev.dingbot.app.instances;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.app.system.BotProcess;
import dev.dingbot.app.system.FakeWorld;
import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import dev.dingbot.testkit.postgres.LocalPostgres;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the real main on one PostgreSQL database and one DingTalk app: the fake gateway pushes each
 * message to one of the three connections at random and pushes it again elsewhere when it is not ACKed, as
 * DingTalk does. One instance is killed (SIGKILL) mid-run and not restarted.
 */
class SeveralInstancesSystemTest {

    private static final int USERS = 50;
    private static final int QUESTIONS_EACH = 10;
    private static final Duration LEASE = Duration.ofSeconds(4);

    @TempDir
    Path dir;
    final FakeWorld world = new FakeWorld();
    final List<BotProcess> bots = new ArrayList<>();
    final List<Integer> ports = new ArrayList<>();

    @AfterEach
    void stop() {
        bots.forEach(BotProcess::close);
        world.close();
    }

    private void startInstances(int count, String extraYaml) throws Exception {
        LocalPostgres.Database database = LocalPostgres.start().createDatabase();
        for (int i = 0; i < count; i++) {
            Path home = dir.resolve("instance-" + i);
            world.writeConfig(home, extraYaml);
            int port = freePort();
            ports.add(port);
            Map<String, String> env = Map.of("PORT", String.valueOf(port), "INSTANCE_ID", "bot-" + i,
                    "STORAGE_KIND", "postgres", "STORAGE_POSTGRES_URL", database.jdbcUrl(),
                    "STORAGE_POSTGRES_USER", database.user(), "STORAGE_POSTGRES_LEASE", LEASE.toSeconds() + "s");
            BotProcess bot = BotProcess.start(home, env, "run", "--config", home.resolve("config.yml").toString());
            bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
            bots.add(bot);
        }
        assertThat(world.gateway.awaitOpenConnections(FakeWorld.CLIENT_ID, count, Duration.ofSeconds(30))).isTrue();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String question(int user, int index) {
        return "user" + user + " question " + index;
    }

    private BotMessages from(int user, String text) {
        return BotMessages.privateChat().sender("staff" + user, "User" + user).conversation("cid-user" + user, "")
                .text(text).sessionWebhookBase(world.gateway.apiBaseUrl());
    }

    /** Every answer posted so far, by the question it answers ("re: <question>"), with how often it came. */
    private Map<String, Long> answers() {
        return world.api.messages().stream().map(ApiMessage::text).filter(t -> t.startsWith("re: "))
                .collect(Collectors.groupingBy(t -> t.substring(4).strip(), Collectors.counting()));
    }

    private void awaitAnswers(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answers().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(answers().size() + " of " + count + " questions answered:\n"
                        + bots.stream().map(BotProcess::output).collect(Collectors.joining("\n---\n")));
            }
            Thread.sleep(100);
        }
    }

    /** The user messages of each chat request the model received, the question last. */
    private List<List<String>> askedTurns() {
        List<List<String>> asked = new ArrayList<>();
        RecordedRequest request;
        while ((request = world.openAi.takeRequest()) != null) {
            if (!request.getUrl().encodedPath().endsWith("/chat/completions")) continue;
            List<String> users = new ArrayList<>();
            for (JsonNode message : FakeOpenAiServer.json(request).path("messages")) {
                if (message.path("role").asText().equals("user")) users.add(message.path("content").asText());
            }
            asked.add(users);
        }
        return asked;
    }

    @Test
    void three_instances_answer_every_message_once_in_each_conversations_order_and_take_over_a_killed_ones_work()
            throws Exception {
        world.openAi.echoQuestions().defaultAnswer("", 8, Duration.ofMillis(150), Duration.ofMillis(20));
        world.gateway.seed(7).redeliverUnacked(Duration.ofSeconds(3), 5);
        startInstances(3, "default_mode: \"串聊\"\ntools:\n  builtin: []\n");

        for (int round = 0; round < QUESTIONS_EACH; round++) {
            for (int user = 0; user < USERS; user++) world.gateway.pushBotMessage(from(user, question(user, round)).json());
            if (round == 4) bots.get(1).kill();
            awaitAnswers((round + 1) * USERS, LEASE.multipliedBy(5));
        }

        Map<String, Long> answered = answers();
        assertThat(answered).hasSize(USERS * QUESTIONS_EACH);
        assertThat(bots.get(1).isAlive()).isFalse();
        assertThat(world.gateway.deliveries().stream().filter(d -> d.connection().index() == 1).count())
                .as("the killed instance had its share before it died").isPositive();
        long repeats = answered.values().stream().mapToLong(n -> n - 1).sum();
        assertThat(repeats).as("repeats only of answers the killed instance had in flight").isLessThanOrEqualTo(USERS);
        // Every question reached the model with its conversation's earlier questions before it, in order (a question
        // answered twice across the kill may stand twice in a row: the repeat the guarantees allow).
        Map<String, List<String>> lastAsked = new HashMap<>();
        for (List<String> turns : askedTurns()) lastAsked.put(turns.get(turns.size() - 1), withoutRepeats(turns));
        for (int user = 0; user < USERS; user++) {
            for (int round = 0; round < QUESTIONS_EACH; round++) {
                List<String> earlier = new ArrayList<>();
                for (int k = 0; k <= round; k++) earlier.add(question(user, k));
                assertThat(lastAsked.get(question(user, round))).as("the context of " + question(user, round))
                        .containsExactlyElementsOf(earlier);
            }
        }
    }

    private static List<String> withoutRepeats(List<String> turns) {
        List<String> once = new ArrayList<>();
        for (String turn : turns) {
            if (once.isEmpty() || !once.get(once.size() - 1).equals(turn)) once.add(turn);
        }
        return once;
    }

    @Test
    void a_conversation_log_link_made_on_one_instance_opens_on_another() throws Exception {
        world.openAi.echoQuestions();
        startInstances(2, "admin_users: [\"staff9\"]\ntools:\n  builtin: []\n");
        world.gateway.pushBotMessageTo(0, from(3, "remember this").json());
        awaitAnswers(1, Duration.ofSeconds(30));
        int before = world.api.messages().size();

        world.gateway.pushBotMessageTo(1, from(9, "#查对话 username:User3").json());
        String reply = world.awaitMessage(before, Duration.ofSeconds(30)).text();

        Matcher link = Pattern.compile("\\((https?://[^)]*/history/([A-Za-z0-9_-]+))\\)").matcher(reply);
        assertThat(link.find()).as(reply).isTrue();
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.get(0) + "/history/" + link.group(2))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("remember this");
    }

    @Test
    void an_answer_streaming_into_a_card_when_its_instance_is_killed_is_finished_in_that_card_by_another()
            throws Exception {
        world.openAi.defaultAnswer("第一段：这是一个很长的回答，要写好几秒。\n\n第二段：写完了。", 2, Duration.ofMillis(100),
                Duration.ofMillis(150));
        startInstances(2, "stream_mode: true\ntools:\n  builtin: []\n");

        world.gateway.pushBotMessageTo(0, BotMessages.group().text("写一个长回答")
                .sessionWebhookBase(world.gateway.apiBaseUrl()).json());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (world.api.cards().stream().noneMatch(c -> c.frames() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        bots.get(0).kill();
        assertThat(world.api.cards()).as("killed mid-answer").singleElement().satisfies(c -> {
            assertThat(c.frames()).isPositive();
            assertThat(c.finalized()).isFalse();
        });

        ApiCard card = world.awaitFinishedCard(0, LEASE.multipliedBy(4));
        assertThat(world.api.cards()).hasSize(1);
        assertThat(world.api.requests(FakeDingTalkApi.CARD_CREATE)).hasSize(1);
        assertThat(card.param("msgContent")).contains("第一段").contains("第二段：写完了。");
        assertThat(world.api.messages()).as("no plain reply besides the card").isEmpty();
        bots.get(1).awaitOutput("took over message", Duration.ofSeconds(5));
    }

    @Test
    void a_daily_limit_holds_across_instances() throws Exception {
        world.openAi.echoQuestions();
        startInstances(3, "max_request: 2\ntools:\n  builtin: []\n");

        for (int i = 0; i < 6; i++) {
            world.gateway.pushBotMessageTo(i % 3, from(0, "limited " + i).json());
            Thread.sleep(300); // one after the other, as a user asks
        }
        awaitAnswers(2, Duration.ofSeconds(30));
        Thread.sleep(2000); // time for a third answer, were the limit counted per instance

        assertThat(answers()).hasSize(2);
        assertThat(askedTurns()).hasSize(2);
    }
}
