package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.settings.AccessSettings;
import dev.dingbot.core.settings.AllowedChats;
import dev.dingbot.core.settings.QuotaSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.dingbot.core.testing.Messages.ALICE;
import static dev.dingbot.core.testing.Messages.BOB;
import static dev.dingbot.core.testing.Messages.NICK_ONLY;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

class AccessAndQuotaTest {

    static final String GROUP_DENIED = "**🤷 抱歉，该群组未被认证通过，无法使用机器人对话功能。**\n>如需继续使用，请联系管理员申请访问权限。";
    static final String USER_DENIED = "**🤷 抱歉，您的身份信息未被认证通过，无法使用机器人对话功能。**\n>如需继续使用，请联系管理员申请访问权限。";

    static AccessSettings access(AllowedChats chats, Set<String> groups, Set<String> allow, Set<String> deny,
                                 Set<String> vip, Set<String> admins) {
        return new AccessSettings(chats, groups, allow, deny, vip, admins);
    }

    @Test
    void a_question_with_a_sensitive_word_is_refused_before_any_access_check() {
        Bot bot = new Bot(b -> b.sensitiveWords(List.of("foo"))
                .access(access(AllowedChats.ALL, Set.of(), Set.of(), Set.of(ALICE.staffId()), Set.of(), Set.of())));
        assertThat(bot.reply(aPrivateMessage().saying("xfoox").build()))
                .isEqualTo("**🤷 抱歉，您提问的问题中包含敏感词汇，请审核自己的对话内容之后再进行！**");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void an_empty_sensitive_word_does_not_match_every_message() {
        Bot bot = new Bot(b -> b.sensitiveWords(List.of("a", "")));
        bot.send(aPrivateMessage().saying("hello").build());
        assertThat(bot.model.requests()).hasSize(1);
    }

    @Test
    void chat_type_private_only_refuses_group_messages() {
        Bot bot = new Bot(b -> b.access(access(AllowedChats.PRIVATE_ONLY, Set.of(), Set.of(), Set.of(), Set.of(), Set.of())));
        assertThat(bot.reply(aGroupMessage().saying("hi").build()))
                .isEqualTo("**🤷 抱歉，管理员禁用了这种聊天方式，请选择其他聊天方式与机器人对话！**\n\n@alice01");
        bot.send(aPrivateMessage().saying("hi").build());
        assertThat(bot.model.requests()).hasSize(1);
    }

    @Test
    void a_group_outside_the_allow_list_is_refused_but_admins_pass() {
        Bot bot = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of("cidAllowed"), Set.of(), Set.of(), Set.of(),
                Set.of(ALICE.staffId()))));
        assertThat(bot.reply(aGroupMessage().inGroup("cidOther").from(BOB).saying("hi").build()))
                .isEqualTo(GROUP_DENIED + "\n\n@bob02");
        bot.send(aGroupMessage().inGroup("cidOther").from(ALICE).saying("hi").build());
        bot.send(aGroupMessage().inGroup("cidAllowed").from(BOB).saying("hi").build());
        assertThat(bot.model.requests()).hasSize(2);
    }

    @Test
    void the_group_allow_list_does_not_apply_to_private_chats() {
        Bot bot = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of("cidAllowed"), Set.of(), Set.of(), Set.of(), Set.of())));
        bot.send(aPrivateMessage().from(BOB).saying("hi").build());
        assertThat(bot.model.requests()).hasSize(1);
    }

    @Test
    void deny_wins_over_allow_but_not_over_admin() {
        Bot denied = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of(), Set.of(BOB.staffId()), Set.of(BOB.staffId()),
                Set.of(), Set.of())));
        assertThat(denied.reply(aPrivateMessage().from(BOB).saying("hi").build())).isEqualTo(USER_DENIED);

        Bot admin = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of(), Set.of(), Set.of(BOB.staffId()),
                Set.of(), Set.of(BOB.staffId()))));
        admin.send(aPrivateMessage().from(BOB).saying("hi").build());
        assertThat(admin.model.requests()).hasSize(1);
    }

    @Test
    void users_outside_a_non_empty_allow_list_are_refused() {
        Bot bot = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of(), Set.of(ALICE.staffId()), Set.of(), Set.of(), Set.of())));
        assertThat(bot.reply(aPrivateMessage().from(BOB).saying("hi").build())).isEqualTo(USER_DENIED);
    }

    @Test
    void a_sender_without_a_staff_id_is_mentioned_by_nick() {
        Bot bot = new Bot();
        assertThat(bot.reply(aGroupMessage().from(NICK_ONLY).saying("hi").build())).isEqualTo("answer to: hi\n\n@Carol");
    }

    @Test
    void allow_groups_applies_to_senders_without_a_staff_id_too() {
        Bot bot = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of("cidAllowed"), Set.of(), Set.of(), Set.of(),
                Set.of())));
        assertThat(bot.reply(aGroupMessage().inGroup("cidOther").from(NICK_ONLY).saying("hi").build()))
                .isEqualTo(GROUP_DENIED + "\n\n@Carol");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void a_non_empty_allow_users_refuses_a_sender_it_cannot_identify() {
        Bot bot = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of(), Set.of(ALICE.staffId()), Set.of(), Set.of(),
                Set.of())));
        assertThat(bot.reply(aPrivateMessage().from(NICK_ONLY).saying("hi").build()))
                .isEqualTo(USER_DENIED + "\n\n@Carol");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void allow_users_and_deny_users_name_a_sender_without_a_staff_id_by_its_sender_id() {
        Bot allowed = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of(), Set.of(NICK_ONLY.id()), Set.of(),
                Set.of(), Set.of())));
        allowed.send(aPrivateMessage().from(NICK_ONLY).saying("hi").build());
        assertThat(allowed.model.requests()).hasSize(1);

        Bot denied = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of(), Set.of(), Set.of(NICK_ONLY.id()),
                Set.of(), Set.of())));
        assertThat(denied.reply(aPrivateMessage().from(NICK_ONLY).saying("hi").build()))
                .isEqualTo(USER_DENIED + "\n\n@Carol");
        assertThat(denied.model.requests()).isEmpty();
    }

    @Test
    void the_quota_of_a_sender_without_a_staff_id_is_kept_when_the_sender_changes_nick() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(1, QuotaSettings.DEFAULT_ZONE)));
        bot.send(aPrivateMessage().from(NICK_ONLY).saying("q1").build());
        Sender renamed = new Sender("", "Carol2", NICK_ONLY.id());
        assertThat(bot.reply(aPrivateMessage().from(renamed).saying("q2").build())).startsWith("[Staple]");
        assertThat(bot.model.requests()).hasSize(1);
    }

    @Test
    void admin_rights_do_not_depend_on_app_secrets() {
        Bot bot = new Bot(b -> b.access(access(AllowedChats.ALL, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(ALICE.staffId()))));
        assertThat(bot.send(aPrivateMessage().from(ALICE).saying("余额").build()).sent()).hasSize(1);
    }

    @Test
    void the_third_question_over_a_limit_of_two_gets_the_quota_reply() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(2, QuotaSettings.DEFAULT_ZONE)));
        bot.send(aPrivateMessage().from(BOB).saying("q1").build());
        bot.send(aPrivateMessage().from(BOB).saying("q2").build());
        assertThat(bot.reply(aPrivateMessage().from(BOB).saying("q3").build())).isEqualTo(
                "[Staple] **一个好的问题，胜过十个好的答案！** \n\n亲爱的Bob:\n\n您今日请求次数已达上限，请明天再来，交互发问资源有限，请务必斟酌您的问题，给您带来不便，敬请谅解！\n\n如有需要，可联系管理员升级为VIP用户。");
        assertThat(bot.model.requests()).hasSize(2);
    }

    @Test
    void vips_and_admins_are_never_limited() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(1, QuotaSettings.DEFAULT_ZONE))
                .access(access(AllowedChats.ALL, Set.of(), Set.of(), Set.of(), Set.of(BOB.staffId()), Set.of(ALICE.staffId()))));
        for (int i = 0; i < 3; i++) {
            bot.send(aPrivateMessage().from(BOB).saying("q" + i).build());
            bot.send(aPrivateMessage().from(ALICE).saying("q" + i).build());
        }
        assertThat(bot.model.requests()).hasSize(6);
    }

    @Test
    void commands_templates_and_help_are_not_counted() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(1, QuotaSettings.DEFAULT_ZONE)));
        for (String free : new String[]{"帮助", "串聊", "单聊", "模板", "图片", "#周报", "重置"}) {
            bot.send(aPrivateMessage().from(BOB).saying(free).build());
        }
        bot.send(aPrivateMessage().from(BOB).saying("a real question").build());
        assertThat(bot.model.requests()).hasSize(1);
    }

    @Test
    void a_failed_model_call_does_not_use_up_the_quota() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(1, QuotaSettings.DEFAULT_ZONE)));
        bot.model.thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "boom"));
        bot.send(aPrivateMessage().from(BOB).saying("q1").build());
        bot.send(aPrivateMessage().from(BOB).saying("q2").build());
        assertThat(bot.model.requests()).hasSize(2);
    }

    @Test
    void the_quota_resets_at_local_midnight_of_the_configured_zone() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(1, QuotaSettings.DEFAULT_ZONE)));
        bot.clock.set(Instant.parse("2026-11-24T15:30:00Z")); // 23:30 in Shanghai
        bot.send(aPrivateMessage().from(BOB).saying("q1").build());
        assertThat(bot.reply(aPrivateMessage().from(BOB).saying("q2").build())).startsWith("[Staple]");
        bot.clock.set(Instant.parse("2026-11-24T16:00:01Z")); // 00:00:01 in Shanghai, still 24 Nov in UTC
        bot.send(aPrivateMessage().from(BOB).saying("q3").build());
        assertThat(bot.model.requests()).hasSize(2);
    }

    @Test
    void past_its_model_calls_per_minute_a_sender_is_told_once_and_the_rest_of_the_flood_reaches_no_model() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(0, QuotaSettings.DEFAULT_ZONE, 3)));
        List<List<String>> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(bot.send(aPrivateMessage().from(ALICE).saying("q" + i).build()).shown());
        }
        assertThat(bot.model.requests()).hasSize(3);
        assertThat(replies.subList(0, 3)).allSatisfy(r -> assertThat(r).singleElement().asString().startsWith("answer to"));
        assertThat(replies.get(3)).containsExactly("**🤷 您的提问太频繁了，请一分钟后再试。**");
        assertThat(replies.subList(4, 8)).allSatisfy(r -> assertThat(r).isEmpty());

        assertThat(bot.reply(aPrivateMessage().from(ALICE).saying("单聊").build())).as("commands are not limited")
                .contains("单聊");
        assertThat(bot.reply(aPrivateMessage().from(BOB).saying("hi").build())).isEqualTo("answer to: hi");

        bot.clock.advance(Duration.ofSeconds(61));
        assertThat(bot.reply(aPrivateMessage().from(ALICE).saying("later").build())).isEqualTo("answer to: later");
    }
}
