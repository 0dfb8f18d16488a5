package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.app.system.FakeWorld;
import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider (or a proxy in front of it) whose error message repeats the request's {@code Authorization} header,
 * an internal address and proxy credentials: what reaches the chat is the short line of the failure's class, an
 * admin sees the reason with the secrets masked, and the log keeps the masked detail.
 */
class ProviderErrorTextTest extends BotInFakeWorld {

    private static final String ECHOED = "via http://proxy-user:proxy-pass@10.0.3.7:3128";

    @Test
    void a_provider_echoing_the_api_key_shows_neither_a_user_nor_an_admin_the_key_and_the_log_holds_it_redacted()
            throws Exception {
        world.fsync("never").writeConfig(dir, "admin_users: [\"admin01\"]\n");
        bot = world.runStreamBot(dir);
        world.openAi.enqueueErrorEchoingCredentials(401, ECHOED).enqueueErrorEchoingCredentials(401, ECHOED);

        String user = world.ask(privateChat("user01", "讲个笑话")).text();
        String admin = world.ask(privateChat("admin01", "讲个笑话")).text();

        assertThat(user).isEqualTo("[Wrong] 请求 OpenAI 失败了\n\n> 错误信息:模型服务鉴权失败，请管理员检查 api_key");
        assertThat(admin).startsWith("[Wrong] 请求 OpenAI 失败了\n\n> 错误信息:模型服务鉴权失败，请管理员检查 api_key：")
                .contains("Incorrect API key provided: ***", "http://***@10.0.3.7:3128");
        for (String reply : new String[] {user, admin}) {
            assertThat(reply).doesNotContain(FakeWorld.API_KEY, "Bearer", "bearer", "proxy-pass");
        }
        assertThat(bot.terminate(Duration.ofSeconds(30))).isZero();
        assertThat(bot.output()).contains("Incorrect API key provided: ***")
                .doesNotContain(FakeWorld.API_KEY, "proxy-pass");
    }

    private BotMessages privateChat(String staffId, String text) {
        return BotMessages.privateChat().sender(staffId, staffId).text(text)
                .sessionWebhookBase(world.gateway.apiBaseUrl());
    }
}
