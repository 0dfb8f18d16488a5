package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.settings.DocumentSettings;
import dev.dingbot.core.settings.ReplySettings;
import dev.dingbot.core.testing.FakeReplyChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static dev.dingbot.core.testing.Messages.NICK_ONLY;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerTest {

    static Bot streamingBot() {
        return new Bot(b -> b.replies(new ReplySettings(true, 4000, true)));
    }

    @Test
    void every_occurrence_of_every_sensitive_word_is_masked_in_the_answer_but_logged_as_is() {
        Bot bot = new Bot(b -> b.sensitiveWords(java.util.List.of("ab", "cd")));
        bot.model.answering(r -> "xx ab yy cd zz ab");
        assertThat(bot.reply(aPrivateMessage().saying("hi").build())).isEqualTo("xx 🚫🚫 yy 🚫🚫 zz 🚫🚫");
        assertThat(bot.history.findByUser("Alice", 0, 1).get(0).content()).isEqualTo("xx ab yy cd zz ab");
    }

    @Test
    void reasoning_in_think_tags_never_reaches_the_chat() {
        Bot bot = new Bot();
        bot.model.answering(r -> "<think>secret plan</think>\n\nThe answer.");
        assertThat(bot.reply(aPrivateMessage().saying("hi").build())).isEqualTo("The answer.");
    }

    @Test
    void answers_are_formatted_like_the_original() {
        Bot bot = new Bot();
        bot.model.answering(r -> "use <b> & \"q\"");
        assertThat(bot.reply(aPrivateMessage().saying("hi").build())).isEqualTo("use &lt;b&gt; &amp; &#34;q&#34;");
    }

    @Test
    void group_markdown_mentions_the_asker_by_staff_id_and_private_chats_do_not() {
        Bot bot = new Bot();
        OutgoingMessage group = bot.send(aGroupMessage().saying("hi").build()).only();
        assertThat(group.text()).isEqualTo("answer to: hi\n\n@alice01");
        assertThat(group.atUserIds()).containsExactly("alice01");
        assertThat(group.title()).isEqualTo("Markdown Msg");
        OutgoingMessage direct = bot.send(aPrivateMessage().saying("hi").build()).only();
        assertThat(direct.text()).isEqualTo("answer to: hi");
        assertThat(direct.atUserIds()).containsExactly("alice01");
    }

    @Test
    void a_sender_without_staff_id_is_mentioned_by_nick_everywhere() {
        OutgoingMessage direct = new Bot().send(aPrivateMessage().from(NICK_ONLY).saying("hi").build()).only();
        assertThat(direct.text()).isEqualTo("answer to: hi\n\n@Carol");
        assertThat(direct.atUserIds()).isEmpty();
    }

    @Test
    void a_model_error_replies_with_the_original_wrong_text_and_the_short_line_of_its_class_only() {
        Bot bot = new Bot();
        bot.model.thenReturn(ChatResult.failed(ChatStatus.AUTH_FAILED, "Incorrect API key provided: sk-abcdefghij1234"));
        assertThat(bot.reply(aPrivateMessage().saying("hi").build()))
                .isEqualTo("[Wrong] 请求 OpenAI 失败了\n\n> 错误信息:模型服务鉴权失败，请管理员检查 api_key");
        assertThat(bot.history.findByUser("Alice", 0, 10)).extracting(HistoryEntry::kind)
                .containsExactly(HistoryEntry.Kind.QUESTION);
    }

    @Test
    void an_admin_also_sees_the_provider_message_with_credentials_masked() {
        Bot bot = new Bot(b -> b.access(KeywordCommandsTest.ALICE_IS_ADMIN));
        bot.model.thenReturn(ChatResult.failed(ChatStatus.AUTH_FAILED,
                "Incorrect API key provided: Bearer sk-abcdefghij1234 via http://u:p@10.0.0.7:3128"));
        assertThat(bot.reply(aPrivateMessage().saying("hi").build()))
                .isEqualTo("[Wrong] 请求 OpenAI 失败了\n\n> 错误信息:模型服务鉴权失败，请管理员检查 api_key："
                        + "Incorrect API key provided: *** via http://***@10.0.0.7:3128");
    }

    @Test
    void a_truncated_answer_is_delivered_with_a_note() {
        Bot bot = new Bot();
        bot.model.thenReturn(new ChatResult(ChatStatus.TRUNCATED, "partial", "", Optional.empty(), ""));
        assertThat(bot.reply(aPrivateMessage().saying("hi").build())).startsWith("partial\n\n> ⚠️");
    }

    @Test
    void an_interrupted_answer_is_shown_but_not_remembered_as_context() {
        Bot bot = new Bot(b -> b.conversation(ConversationTest.conversation(Mode.CONTEXT, Duration.ofMinutes(10),
                4096, 1024, 4096, "")));
        bot.model.thenReturn(new ChatResult(ChatStatus.INTERRUPTED, "half an ans", "", Optional.empty(), "connection reset"));
        assertThat(bot.reply(aPrivateMessage().saying("q1").build())).isEqualTo("half an ans\n\n> ⚠️ 回答中断了");
        bot.send(aPrivateMessage().saying("q2").build());
        assertThat(bot.model.lastRequest().turns()).hasSize(1);
    }

    @Test
    void tokens_used_are_recorded_per_model_and_day() {
        Bot bot = new Bot();
        bot.send(aPrivateMessage().saying("hi").build());
        List<UsageTotal> today = bot.usage.totals(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 24));
        assertThat(today).singleElement().satisfies(t -> {
            assertThat(t.model()).isEqualTo("fake-model");
            assertThat(t.completionTokens()).isEqualTo("answer to: hi".length());
        });
    }

    @Test
    void a_streamed_answer_fills_a_card_from_a_thinking_frame_to_the_whole_answer() {
        Bot bot = streamingBot();
        bot.model.answering(r -> "The quick brown fox jumps over the lazy dog");
        FakeReplyChannel channel = bot.send(aGroupMessage().saying("q").build(), new FakeReplyChannel().withCards(true));
        assertThat(channel.cardFrames().get(0)).isEqualTo("**q**\n\n稍等，让我想一想……");
        assertThat(channel.cardFrames().size()).isGreaterThan(3);
        assertThat(channel.cardFrames()).allSatisfy(f -> assertThat(f).startsWith("**q**\n\n"));
        assertThat(channel.finalCardContent()).isEqualTo("**q**\n\nThe quick brown fox jumps over the lazy dog");
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void reasoning_never_shows_in_a_card_while_it_streams() {
        Bot bot = streamingBot();
        bot.model.answering(r -> "<think>secret plan</think>visible");
        FakeReplyChannel channel = bot.send(aGroupMessage().saying("q").build(), new FakeReplyChannel().withCards(true));
        assertThat(channel.cardFrames()).noneMatch(f -> f.contains("secret") || f.contains("<thi"));
        assertThat(channel.finalCardContent()).isEqualTo("**q**\n\nvisible");
    }

    @Test
    void a_card_that_cannot_be_finished_falls_back_to_a_plain_reply() {
        Bot bot = streamingBot();
        FakeReplyChannel channel = bot.send(aGroupMessage().saying("q").build(), new FakeReplyChannel().withCards(false));
        assertThat(channel.only().text()).isEqualTo("answer to: q\n\n@alice01");
    }

    @Test
    void a_streamed_answer_without_cards_is_sent_as_one_message() {
        Bot bot = streamingBot();
        assertThat(bot.reply(aGroupMessage().saying("q").build())).isEqualTo("answer to: q\n\n@alice01");
    }

    @Test
    void a_model_error_in_card_mode_ends_the_card_in_error() {
        Bot bot = streamingBot();
        bot.model.thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "overloaded"));
        FakeReplyChannel channel = bot.send(aGroupMessage().saying("q").build(), new FakeReplyChannel().withCards(true));
        assertThat(channel.failedCardContent()).startsWith("**q**\n\n[Wrong] 请求 OpenAI 失败了")
                .endsWith("模型服务暂时出错，请稍后再试");
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void a_long_answer_is_split_into_messages_in_order_and_only_the_last_mentions() {
        Bot bot = new Bot(b -> b.replies(new ReplySettings(false, 1000, true)));
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < 30; i++) answer.append("paragraph ").append(i).append(' ').append("x".repeat(90)).append("\n\n");
        bot.model.answering(r -> answer.toString());
        List<OutgoingMessage> sent = bot.send(aGroupMessage().saying("q").build()).sent();
        assertThat(sent.size()).isGreaterThan(3);
        assertThat(sent).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(1000 + "\n\n@alice01".length()));
        assertThat(sent.get(0).text()).startsWith("paragraph 0 ");
        assertThat(sent.get(sent.size() - 1).text()).contains("paragraph 29 ").endsWith("@alice01");
        assertThat(sent.get(0).atUserIds()).isEmpty();
    }

    @Test
    void a_picture_reaches_the_model_as_an_image_of_the_question() {
        Bot bot = new Bot();
        Image png = Image.of(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0});
        bot.send(aPrivateMessage().ofType(MessageType.PICTURE).withPicture("code1").build(),
                new FakeReplyChannel().withPicture("code1", png));
        assertThat(bot.model.lastRequest().turns().get(0).images()).containsExactly(png);
        assertThat(bot.model.lastRequest().turns().get(0).text()).isEqualTo("请描述这张图片。");
    }

    @Test
    void a_picture_that_cannot_be_downloaded_gets_a_clear_reply() {
        Bot bot = new Bot();
        assertThat(bot.reply(aPrivateMessage().ofType(MessageType.PICTURE).withPicture("code1").build()))
                .isEqualTo("图片获取失败，请重新发送。");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void videos_and_unknown_messages_are_told_what_is_supported_files_among_it() {
        for (MessageType type : new MessageType[]{MessageType.VIDEO, MessageType.UNKNOWN}) {
            Bot bot = new Bot();
            assertThat(bot.reply(aPrivateMessage().ofType(type).build()))
                    .isEqualTo("暂不支持这种消息（视频等），请发送文字、语音、图片、文件或图文消息。");
            assertThat(bot.model.requests()).isEmpty();
        }
    }

    @Test
    void with_documents_off_files_videos_and_unknown_messages_are_told_what_is_supported() {
        for (MessageType type : new MessageType[]{MessageType.FILE, MessageType.VIDEO, MessageType.UNKNOWN}) {
            Bot bot = new Bot(b -> b.documents(new DocumentSettings(false, 1024, 3, 0)));
            assertThat(bot.reply(aPrivateMessage().ofType(type).build()))
                    .isEqualTo("暂不支持这种消息（文件、视频等），请发送文字、语音、图片或图文消息。");
            assertThat(bot.model.requests()).isEmpty();
        }
    }

    @Test
    void a_voice_message_is_answered_from_its_recognised_text() {
        Bot bot = new Bot();
        assertThat(bot.reply(aPrivateMessage().ofType(MessageType.AUDIO).saying("明天天气如何").build()))
                .isEqualTo("answer to: 明天天气如何");
    }
}
