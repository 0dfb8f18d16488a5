package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer streaming into an AI card when the bot is SIGKILLed: after the restart the question is answered again
 * in the card it had, so the group sees one card with the whole answer, not a stuck half card and a second one.
 */
class CardCrashTest extends BotInFakeWorld {
    private static final String ANSWER = "第一段：这是一个很长的回答，要写好几秒。\n\n第二段：写完了。";


    @Test
    void a_card_cut_by_a_sigkill_is_finished_in_the_same_card_after_the_restart() throws Exception {
        world.fsync("never").openAi.defaultAnswer(ANSWER, 2, Duration.ofMillis(100), Duration.ofMillis(150));
        world.writeConfig(dir, "stream_mode: true\n");
        bot = world.runStreamBot(dir);

        world.gateway.pushBotMessage(BotMessages.group().text("写一个长回答")
                .sessionWebhookBase(world.gateway.apiBaseUrl()).json());
        assertThat(awaitUntil(() -> world.api.cards().stream().anyMatch(c -> c.frames() > 0)))
                .as("the answer started streaming into its card").isTrue();
        bot.kill();
        assertThat(world.api.cards()).as("killed mid-answer").noneMatch(ApiCard::finalized);

        bot = world.runStreamBot(dir);
        assertThat(awaitUntil(() -> world.api.cards().stream().allMatch(ApiCard::finalized)))
                .as("the card was finished after the restart").isTrue();

        List<ApiCard> cards = world.api.cards();
        assertThat(cards).hasSize(1);
        assertThat(world.api.requests(FakeDingTalkApi.CARD_CREATE)).hasSize(1);
        assertThat(cards.get(0).param("msgContent")).contains("第一段").contains("第二段：写完了。");
        assertThat(world.api.messages()).as("no plain reply besides the card").isEmpty();
    }

    private static boolean awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(20);
        }
        return false;
    }
}
