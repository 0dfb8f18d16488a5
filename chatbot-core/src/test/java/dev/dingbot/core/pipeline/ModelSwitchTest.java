package dev.dingbot.core.pipeline;

import dev.dingbot.core.settings.ModelSwitch;
import dev.dingbot.core.settings.QuotaSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.dingbot.core.pipeline.KeywordCommandsTest.ALICE_IS_ADMIN;
import static dev.dingbot.core.testing.Messages.ALICE;
import static dev.dingbot.core.testing.Messages.BOB;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

class ModelSwitchTest {

    private final Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));

    {
        bot.model.serving("gpt-4o", "gpt-4o-mini", "claude-sonnet");
    }

    @Test
    void the_model_command_lists_the_models_and_marks_the_default_as_current() {
        String reply = bot.reply(aPrivateMessage().from(ALICE).saying("模型").build());

        assertThat(reply).startsWith("Alice 您好，当前可用的模型有：\n\n- gpt-4o ✅ 当前\n- gpt-4o-mini\n- claude-sonnet")
                .contains("发送\"#模型 模型名\"可切换本对话使用的模型");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void an_admin_switches_the_model_of_the_conversation_and_the_next_question_asks_for_it() {
        String reply = bot.reply(aPrivateMessage().from(ALICE).saying("#模型 claude-sonnet").build());
        bot.send(aPrivateMessage().from(ALICE).saying("hello?").build());

        assertThat(reply).isEqualTo("**[Concentrate] 现在与 Alice 的对话使用模型 claude-sonnet**\n\n"
                + ">10分钟 内无对话或发送\"重置\"后将恢复默认模型");
        assertThat(bot.model.lastRequest().model()).isEqualTo("claude-sonnet");
        assertThat(bot.modelsCalled).containsExactly("claude-sonnet");
        assertThat(bot.reply(aPrivateMessage().from(ALICE).saying("模型").build())).contains("- claude-sonnet ✅ 当前")
                .doesNotContain("gpt-4o ✅");
    }

    @Test
    void the_choice_is_the_senders_in_that_conversation_only() {
        bot.send(aGroupMessage().from(ALICE).saying("#模型 gpt-4o-mini").build());

        bot.send(aGroupMessage().from(BOB).saying("hello?").build());
        assertThat(bot.model.lastRequest().model()).isEmpty();
        bot.send(aPrivateMessage().from(ALICE).saying("hello?").build());
        assertThat(bot.model.lastRequest().model()).isEmpty();
        bot.send(aGroupMessage().from(ALICE).saying("hello?").build());
        assertThat(bot.model.lastRequest().model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void an_unknown_model_name_gets_the_list_of_names() {
        String reply = bot.reply(aPrivateMessage().from(ALICE).saying("#模型 gpt-5").build());

        assertThat(reply).isEqualTo("没有名为 gpt-5 的模型，可选的模型有：\n\n- gpt-4o\n- gpt-4o-mini\n- claude-sonnet");
        bot.send(aPrivateMessage().from(ALICE).saying("hello?").build());
        assertThat(bot.model.lastRequest().model()).isEmpty();
    }

    @Test
    void under_admins_only_a_non_admin_is_refused_and_keeps_the_default() {
        String reply = bot.reply(aPrivateMessage().from(BOB).saying("#模型 claude-sonnet").build());
        bot.send(aPrivateMessage().from(BOB).saying("hello?").build());

        assertThat(reply).isEqualTo("**🤷 抱歉，您没有切换模型的权限，只有程序管理员可以切换！**");
        assertThat(bot.model.lastRequest().model()).isEmpty();
        assertThat(bot.reply(aPrivateMessage().from(BOB).saying("模型").build())).endsWith("当前模型：gpt-4o");
    }

    @Test
    void switched_off_nobody_may_switch_not_even_an_admin() {
        Bot off = new Bot(b -> b.access(ALICE_IS_ADMIN).modelSwitch(ModelSwitch.OFF));
        off.model.serving("gpt-4o", "claude-sonnet");

        assertThat(off.reply(aPrivateMessage().from(ALICE).saying("#模型 claude-sonnet").build()))
                .isEqualTo("**🤷 抱歉，管理员关闭了模型切换功能。**");
        off.send(aPrivateMessage().from(ALICE).saying("hello?").build());
        assertThat(off.model.lastRequest().model()).isEmpty();
    }

    @Test
    void open_to_everyone_anyone_may_switch() {
        Bot everyone = new Bot(b -> b.modelSwitch(ModelSwitch.EVERYONE));
        everyone.model.serving("gpt-4o", "claude-sonnet");

        everyone.send(aPrivateMessage().from(BOB).saying("#模型 claude-sonnet").build());
        everyone.send(aPrivateMessage().from(BOB).saying("hello?").build());

        assertThat(everyone.model.lastRequest().model()).isEqualTo("claude-sonnet");
    }

    @Test
    void reset_drops_the_choice_and_the_context_keeps_it() {
        bot.send(aPrivateMessage().from(ALICE).saying("串聊").build());
        bot.send(aPrivateMessage().from(ALICE).saying("#模型 claude-sonnet").build());
        bot.send(aPrivateMessage().from(ALICE).saying("first").build());
        bot.send(aPrivateMessage().from(ALICE).saying("second").build());
        assertThat(bot.model.lastRequest().model()).isEqualTo("claude-sonnet");
        assertThat(bot.model.lastRequest().turns()).hasSize(3);

        bot.send(aPrivateMessage().from(ALICE).saying("重置").build());
        bot.send(aPrivateMessage().from(ALICE).saying("third").build());

        assertThat(bot.model.lastRequest().model()).isEmpty();
    }

    @Test
    void the_choice_ends_with_the_session_timeout() {
        bot.send(aPrivateMessage().from(ALICE).saying("#模型 claude-sonnet").build());
        bot.clock.advance(Duration.ofMinutes(11));

        bot.send(aPrivateMessage().from(ALICE).saying("hello?").build());

        assertThat(bot.model.lastRequest().model()).isEmpty();
    }

    @Test
    void the_model_commands_cost_no_quota() {
        Bot limited = new Bot(b -> b.access(ALICE_IS_ADMIN)
                .quota(new QuotaSettings(1, QuotaSettings.DEFAULT_ZONE)));
        limited.model.serving("gpt-4o", "claude-sonnet");
        limited.send(aPrivateMessage().from(ALICE).saying("模型").build());
        limited.send(aPrivateMessage().from(ALICE).saying("#模型 claude-sonnet").build());

        limited.send(aPrivateMessage().from(ALICE).saying("hello?").build());

        assertThat(limited.model.requests()).hasSize(1);
    }
}
