package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class GracefulShutdownTest extends BotInFakeWorld {

    @Test
    void sigterm_during_an_answer_delivers_the_answer_then_exits_with_zero() throws Exception {
        world.openAi.defaultAnswer("an answer that took a while", 8, Duration.ofSeconds(3), Duration.ZERO);
        world.writeConfig(dir, "");
        bot = world.runStreamBot(dir);

        String frame = world.gateway.pushBotMessage(BotMessages.privateChat().text("a slow question")
                .sessionWebhookBase(world.gateway.apiBaseUrl()).json());
        assertThat(world.gateway.awaitAck(frame, Duration.ofSeconds(5))).isPresent();
        assertThat(world.api.messages()).isEmpty();

        int exitCode = bot.terminate(Duration.ofSeconds(30));

        assertThat(world.api.messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("an answer that took a while"));
        assertThat(exitCode).as(bot.output()).isZero();
        assertThat(bot.output()).contains("stopped cleanly");
    }
}
