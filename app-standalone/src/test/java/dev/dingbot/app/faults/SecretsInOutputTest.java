package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.app.system.FakeWorld;
import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole conversation at log level debug, touching everything that uses a secret (the model's API key, the app
 * secret for the Stream connection and for both kinds of access token, the tokens for cards, uploads and OpenAPI
 * sends); then everything the process wrote to stdout and stderr is searched for those secrets.
 */
class SecretsInOutputTest extends BotInFakeWorld {

    @Test
    void at_debug_level_no_api_key_app_secret_or_access_token_appears_in_the_output() throws Exception {
        world.fsync("never").writeConfig(dir, "debug", "stream", """
                admin_users: ["admin01"]
                stream_mode: true
                """);
        bot = world.runStreamBot(dir);

        assertThat(world.ask(alice("帮助")).text()).isNotBlank();
        assertThat(world.ask(alice("串聊")).text()).contains("串聊");
        world.gateway.pushBotMessage(alice("讲个笑话").json());
        awaitFinishedCards(1);
        assertThat(world.ask(alice("#图片 一只猫")).text()).contains("![](@lADP");
        assertThat(world.ask(BotMessages.privateChat().sender("admin01", "Boss").text("余额")
                .sessionWebhookBase(world.gateway.apiBaseUrl())).text()).contains("余额");
        BotMessages expired = alice("会话过期以后呢");
        world.api.expireSession(expired.sessionWebhook().replaceAll(".*session=", ""));
        world.gateway.pushBotMessage(expired.json());
        awaitFinishedCards(2);
        assertThat(bot.terminate(Duration.ofSeconds(30))).isZero();

        String output = bot.output();
        List<String> tokens = world.api.issuedTokens();
        assertThat(tokens).as("tokens the fake issued").anyMatch(t -> t.startsWith("token-"))
                .anyMatch(t -> t.startsWith("legacy-token-"));
        assertThat(output).contains(" DEBUG ").contains(FakeWorld.CLIENT_ID).contains("stopped cleanly");
        List<String> secrets = new ArrayList<>(List.of(FakeWorld.API_KEY, FakeWorld.CLIENT_SECRET));
        secrets.addAll(tokens);
        for (String secret : secrets) {
            // a token must not match inside a longer one: token-1 in token-12 or legacy-token-1
            Pattern whole = Pattern.compile("(?<![\\w-])" + Pattern.quote(secret) + "(?!\\w)");
            assertThat(whole.matcher(output).find()).as("the output names the secret %s", secret).isFalse();
        }
        System.out.printf("secrets: %d lines of debug output searched for %d secrets, none found%n",
                output.lines().count(), secrets.size());
    }

    private BotMessages alice(String text) {
        return BotMessages.privateChat().text(text).sessionWebhookBase(world.gateway.apiBaseUrl());
    }

    private void awaitFinishedCards(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (world.api.cards().stream().filter(ApiCard::finalized).count() < count) {
            assertThat(System.nanoTime()).as("%d finished cards", count).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
