package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** stream_mode with the public AI-card template, through the real main: cards stream, and fall back when refused. */
class CardSystemTest {

    static final String ANSWER = "第一段回答，其中提到了机密项目。\n\n第二段回答。";

    @TempDir
    static Path dir;
    static FakeWorld world;
    static BotProcess bot;

    @BeforeAll
    static void start() throws Exception {
        world = new FakeWorld();
        world.openAi.defaultAnswer(ANSWER, 2, Duration.ofMillis(200), Duration.ofMillis(40));
        world.writeConfig(dir, """
                stream_mode: true
                sensitive_words: ["机密项目"]
                """);
        bot = world.runStreamBot(dir);
    }

    @AfterAll
    static void stop() {
        if (bot != null) bot.close();
        if (world != null) world.close();
    }

    @Test
    void an_answer_streams_into_a_card_with_throttled_frames_and_a_final_masked_frame() throws Exception {
        int before = world.api.cards().size();
        world.gateway.pushBotMessage(BotMessages.group().text(" 讲讲项目").sessionWebhookBase(world.gateway.apiBaseUrl()).json());
        ApiCard card = world.awaitFinishedCard(before, Duration.ofSeconds(30));

        assertThat(card.openSpaceId()).startsWith("dtv1.card//IM_GROUP.");
        assertThat(card.param("msgContent")).contains("第一段回答").contains("第二段回答").contains("🚫🚫🚫🚫")
                .doesNotContain("机密项目");
        assertThat(card.frames()).as("frames are coalesced, not one per token").isBetween(2, 15);
        assertThat(world.api.messages()).isEmpty();

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + world.httpPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).containsPattern("dingbot_card_updates_total\\{outcome=\"ok\"\\} [1-9]");
    }

    @Test
    void when_the_card_cannot_be_created_the_answer_comes_as_a_plain_message() throws Exception {
        world.api.failCardCreate(FakeDingTalkApi.CardFailure.HTTP_500);
        int before = world.api.messages().size();
        world.gateway.pushBotMessage(BotMessages.privateChat().text("讲讲项目")
                .sessionWebhookBase(world.gateway.apiBaseUrl()).json());
        assertThat(world.awaitMessage(before, Duration.ofSeconds(30)).text())
                .isEqualTo("第一段回答，其中提到了🚫🚫🚫🚫。\n\n第二段回答。");
    }
}
