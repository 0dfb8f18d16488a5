package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.testing.FakeReplyChannel;
import org.junit.jupiter.api.Test;

import static dev.dingbot.core.pipeline.KeywordCommandsTest.ALICE_IS_ADMIN;
import static dev.dingbot.core.testing.Messages.ALICE;
import static dev.dingbot.core.testing.Messages.BOB;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

class PrefixCommandsTest {

    @Test
    void an_image_prompt_is_sent_without_the_command_and_the_uploaded_media_is_embedded() {
        Bot bot = new Bot();
        FakeReplyChannel channel = bot.send(aPrivateMessage().saying("#图片 一只戴帽子的猫").build(),
                new FakeReplyChannel().withUploads("@lADPxx"));
        assertThat(bot.imagePrompts).containsExactly("一只戴帽子的猫");
        assertThat(channel.only().text()).isEqualTo(">点击图片可旋转或放大。\n![](@lADPxx)");
        assertThat(bot.history.findByUser("Alice", 0, 10)).hasSize(2);
    }

    @Test
    void an_image_that_cannot_be_uploaded_is_linked_from_the_app() {
        Bot bot = new Bot();
        assertThat(bot.reply(aPrivateMessage().saying("#图片 cat").build()))
                .isEqualTo(">点击图片可旋转或放大。\n![](https://bot.example/images/abc.png)");
    }

    @Test
    void a_failed_image_generation_replies_with_the_original_error_text_and_the_provider_words_for_an_admin_only() {
        for (boolean admin : new boolean[] {false, true}) {
            Bot bot = admin ? new Bot(b -> b.access(ALICE_IS_ADMIN)) : new Bot();
            bot.imageResult = new ImageResult.Failed(ChatStatus.CONTENT_FILTERED, "moderation_blocked");
            OutgoingMessage reply = bot.send(aPrivateMessage().saying("#图片 cat").build()).only();
            assertThat(reply.format()).isEqualTo(OutgoingMessage.Format.TEXT);
            assertThat(reply.text()).isEqualTo("请求openai失败了，错误信息：问题或回答触发了内容安全策略"
                    + (admin ? "：moderation_blocked" : ""));
        }
    }

    @Test
    void an_image_command_without_a_prompt_explains_itself() {
        assertThat(new Bot().reply(aPrivateMessage().saying("#图片").build())).startsWith("发送以 **#图片** 开头的内容");
    }

    @Test
    void history_export_gives_an_admin_view_and_download_links() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        bot.send(aPrivateMessage().from(BOB).saying("what is dns").build());
        String reply = bot.reply(aPrivateMessage().from(ALICE).saying("#查对话 username:Bob").build());
        assertThat(reply).startsWith("- 在线查看: [点我](https://bot.example/history/t0k3n)\n- 下载文件: [点我](https://bot.example/download/t0k3n)");
        assertThat(bot.publishedHistories.get(0))
                .startsWith("## 🙋 Bob 问\n\n**时间:** 2026-11-24 10:00:00\n\n**问题为:** what is dns\n\n")
                .contains("## 🤖 机器人 答\n\n**时间:** 2026-11-24 10:00:00\n\n**回答如下：** \n\nanswer to: what is dns\n\n");
    }

    @Test
    void history_links_asked_for_in_a_group_go_to_the_admin_privately_and_the_group_is_told_so() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        bot.send(aPrivateMessage().from(BOB).saying("what is dns").build());
        FakeReplyChannel channel = bot.send(aGroupMessage().from(ALICE).saying("#查对话 username:Bob").build(),
                new FakeReplyChannel().withPrivateSends());
        assertThat(channel.sentPrivately()).singleElement().extracting(OutgoingMessage::text)
                .asString().startsWith("- 在线查看: [点我](https://bot.example/history/t0k3n)");
        assertThat(channel.only().text()).startsWith("对话记录的查看链接已私聊发给您").doesNotContain("t0k3n");
    }

    @Test
    void history_links_asked_for_in_a_group_are_not_posted_there_when_the_channel_cannot_send_privately() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        bot.send(aPrivateMessage().from(BOB).saying("what is dns").build());
        String reply = bot.reply(aGroupMessage().from(ALICE).saying("#查对话 username:Bob").build());
        assertThat(reply).startsWith("对话记录的链接不在群里发送，请在与机器人的私聊中发送该指令查询。").doesNotContain("t0k3n");
    }

    @Test
    void history_export_of_an_unknown_user_says_so() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        OutgoingMessage reply = bot.send(aPrivateMessage().from(ALICE).saying("#查对话 username:Nobody").build()).only();
        assertThat(reply.format()).isEqualTo(OutgoingMessage.Format.TEXT);
        assertThat(reply.text()).isEqualTo("用户名错误，这个用户不存在，请核实之后再进行查询");
    }

    @Test
    void history_export_without_a_colon_replies_with_its_usage_instead_of_crashing() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        assertThat(bot.reply(aPrivateMessage().from(ALICE).saying("#查对话 Bob").build()))
                .startsWith("使用如下指令进行查询:");
    }

    @Test
    void history_export_is_refused_to_non_admins() {
        Bot bot = new Bot(b -> b.access(ALICE_IS_ADMIN));
        assertThat(bot.reply(aPrivateMessage().from(BOB).saying("#查对话 username:Alice").build()))
                .isEqualTo("**🤷 抱歉，您没有查询对话记录的权限，只有程序管理员可以查询！**");
    }

    @Test
    void domain_lookup_replies_with_creation_expiry_and_registrar() {
        assertThat(new Bot().reply(aPrivateMessage().saying("#域名 example.com").build()))
                .isEqualTo("**创建时间:** 1995-08-14T04:00:00Z\n\n**到期时间:** 2027-08-13T04:00:00Z\n\n**服务商:** RESERVED-Internet Assigned Numbers Authority");
    }

    @Test
    void domain_lookup_without_a_domain_replies_with_its_usage_instead_of_crashing() {
        assertThat(new Bot().reply(aPrivateMessage().saying("#域名").build())).isEqualTo("请按如下格式查询：#域名 example.com");
        assertThat(new Bot().reply(aPrivateMessage().saying("#证书").build())).isEqualTo("请按如下格式查询：#证书 example.com");
    }

    @Test
    void a_failed_domain_lookup_says_why() {
        assertThat(new Bot().reply(aPrivateMessage().saying("#域名 unknown.example").build()))
                .isEqualTo("查询失败：没有找到 unknown.example 的注册信息");
    }

    @Test
    void certificate_lookup_replies_with_validity_and_issuer() {
        assertThat(new Bot().reply(aPrivateMessage().saying("#证书 example.com").build()))
                .isEqualTo("**证书创建时间:** 2026-01-01 00:00:00\n\n**证书到期时间:** 2026-04-01 23:59:59\n\n**证书颁发机构:** [Let's Encrypt]\n\n");
    }
}
