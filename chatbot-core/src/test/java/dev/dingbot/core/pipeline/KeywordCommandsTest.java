package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.settings.AccessSettings;
import dev.dingbot.core.settings.AllowedChats;
import dev.dingbot.core.settings.ConversationSettings;
import dev.dingbot.core.settings.ModelPrice;
import dev.dingbot.core.testing.FakeReplyChannel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import static dev.dingbot.core.testing.Messages.ALICE;
import static dev.dingbot.core.testing.Messages.BOB;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

class KeywordCommandsTest {

    static final AccessSettings ALICE_IS_ADMIN = new AccessSettings(AllowedChats.ALL, Set.of(), Set.of(), Set.of(),
            Set.of(), Set.of(ALICE.staffId()));

    @Test
    void help_and_an_empty_message_reply_with_the_configured_help_text() {
        Bot bot = new Bot();
        assertThat(bot.send(aPrivateMessage().saying("帮助").build()).only())
                .isEqualTo(OutgoingMessage.markdown("**帮助** 文本", java.util.List.of(ALICE.staffId())));
        assertThat(bot.reply(aPrivateMessage().saying("   ").build())).isEqualTo("**帮助** 文本");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void switching_to_context_chat_tells_when_the_default_mode_returns() {
        Bot bot = new Bot();
        assertThat(bot.reply(aPrivateMessage().saying("串聊").build()))
                .isEqualTo("**[Concentrate] 现在进入与 Alice 的串聊模式**\n\n>10分钟 后将恢复默认聊天模式：单聊");
    }

    @Test
    void switching_to_the_default_mode_adds_no_timeout_hint() {
        Bot bot = new Bot();
        assertThat(bot.reply(aPrivateMessage().saying("单聊").build()))
                .isEqualTo("**[Concentrate] 现在进入与 Alice 的单聊模式**");
    }

    @Test
    void the_timeout_hint_shows_minutes_and_seconds() {
        Bot bot = new Bot(b -> b.conversation(new ConversationSettings(Mode.SINGLE, "单聊", Duration.ofSeconds(90),
                4096, 4096, 4096, "")));
        assertThat(bot.reply(aPrivateMessage().saying("串聊").build())).endsWith(">1分30秒 后将恢复默认聊天模式：单聊");
    }

    @Test
    void reset_exit_and_end_clear_the_mode_and_context() {
        for (String command : new String[]{"重置", "退出", "结束"}) {
            Bot bot = new Bot();
            bot.send(aPrivateMessage().saying("串聊").build());
            bot.send(aPrivateMessage().saying("first question").build());
            assertThat(bot.reply(aPrivateMessage().saying(command).build()))
                    .isEqualTo("[RecyclingSymbol]已重置与**Alice** 的对话模式\n\n> 可以开始新的对话 [Bubble]");
            bot.send(aPrivateMessage().saying("second question").build());
            assertThat(bot.model.lastRequest().turns()).hasSize(1);
        }
    }

    @Test
    void the_template_command_lists_every_title() {
        Bot bot = new Bot();
        String reply = bot.reply(aPrivateMessage().saying("模板").build());
        assertThat(reply).startsWith("Alice 您好，当前程序内置集成了这些提示词：\n\n-----\n\n| #周报 | #linux命令 | #解释代码 | \n\n-----")
                .endsWith("例如直接发送\"#周报\"");
    }

    @Test
    void the_picture_command_explains_how_to_draw() {
        assertThat(new Bot().reply(aPrivateMessage().saying("图片").build()))
                .startsWith("发送以 **#图片** 开头的内容，将会触发绘画能力")
                .contains("- [https://www.clickprompt.org/zh-CN/](https://www.clickprompt.org/zh-CN/)");
    }

    @Test
    void balance_is_for_admins_only_and_shows_provider_balance_beside_local_usage() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN)
                .prices(Map.of("fake-model", new ModelPrice(new BigDecimal("2"), new BigDecimal("8"), "USD"))));
        bot.usage.record(LocalDate.of(2026, 11, 24), new Usage("fake-model", 1_000_000, 500_000));
        assertThat(bot.send(aPrivateMessage().from(BOB).saying("余额").build()).sent()).isEmpty();
        OutgoingMessage reply = bot.send(aPrivateMessage().from(ALICE).saying("余额").build()).only();
        assertThat(reply.format()).isEqualTo(OutgoingMessage.Format.TEXT);
        assertThat(reply.text()).startsWith("💵 余额: 110.00 CNY")
                .contains("📊 今日用量:\n- fake-model: 1500000 tokens（输入 1000000 / 输出 500000），约 6 USD")
                .contains("📊 本月用量:");
    }

    @Test
    void the_balance_report_shows_usage_per_provider_and_model_priced_by_the_model() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN)
                .prices(Map.of("gpt-4o", new ModelPrice(new BigDecimal("2"), new BigDecimal("8"), "USD"))));
        bot.usage.record(LocalDate.of(2026, 11, 24), new Usage("gpt-4o", 1_000_000, 500_000, "azure"));
        bot.usage.record(LocalDate.of(2026, 11, 24), new Usage("gpt-4o", 10, 5, "openai"));

        assertThat(bot.reply(aPrivateMessage().from(ALICE).saying("余额").build()))
                .contains("📊 今日用量:\n- azure / gpt-4o: 1500000 tokens（输入 1000000 / 输出 500000），约 6 USD\n"
                        + "- openai / gpt-4o: 15 tokens");
    }

    @Test
    void a_small_cost_in_the_balance_report_shows_its_significant_digits_not_zero() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN)
                .prices(Map.of("fake-model", new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.6"), "USD"))));
        bot.usage.record(LocalDate.of(2026, 11, 24), new Usage("fake-model", 120, 80));

        String reply = bot.send(aPrivateMessage().from(ALICE).saying("余额").build()).only().text();

        assertThat(reply).contains("tokens（输入 120 / 输出 80），约 0.000066 USD").doesNotContain("约 0 USD");
    }

    @Test
    void a_cost_of_a_dollar_or_more_in_the_balance_report_is_shown_in_cents() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN)
                .prices(Map.of("fake-model", new ModelPrice(new BigDecimal("2.5"), new BigDecimal("10"), "USD"))));
        bot.usage.record(LocalDate.of(2026, 11, 24), new Usage("fake-model", 1_234_567, 100_001));

        String reply = bot.send(aPrivateMessage().from(ALICE).saying("余额").build()).only().text();

        assertThat(reply).contains("，约 4.09 USD");
    }

    @Test
    void the_history_command_alone_shows_its_usage_to_admins_only() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        assertThat(bot.send(aPrivateMessage().from(BOB).saying("查对话").build()).sent()).isEmpty();
        assertThat(bot.reply(aPrivateMessage().from(ALICE).saying("查对话").build()))
                .startsWith("使用如下指令进行查询:\n\n---\n\n**#查对话 username:张三**");
    }

    @Test
    void group_id_is_logged_and_told_to_admins_only_in_groups() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        assertThat(bot.send(aGroupMessage().from(BOB).saying("群ID").build()).sent()).isEmpty();
        assertThat(bot.reply(aGroupMessage().from(ALICE).saying("群ID").build()))
                .startsWith("🙋 企业内部机器人 在『Dev team』群的ConversationID为: \"cidGroup1\"");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void group_id_in_a_private_chat_is_an_ordinary_question() {
        Bot bot = new Bot();
        bot.send(aPrivateMessage().saying("群ID").build());
        assertThat(bot.model.requests()).hasSize(1);
    }

    @Test
    void commands_are_matched_after_trimming() {
        FakeReplyChannel channel = new Bot().send(aPrivateMessage().saying("  单聊  ").build());
        assertThat(channel.only().text()).startsWith("**[Concentrate] 现在进入与 Alice 的单聊模式**");
    }
}
