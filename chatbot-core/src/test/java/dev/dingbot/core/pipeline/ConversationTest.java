package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Role;
import dev.dingbot.core.settings.ConversationSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.dingbot.core.testing.Messages.ALICE;
import static dev.dingbot.core.testing.Messages.BOB;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ConversationTest {

    static ConversationSettings conversation(Mode mode, Duration timeout, int maxQuestion, int maxAnswer, int maxText,
                                             String systemPrompt) {
        return new ConversationSettings(mode, mode.command(), timeout, maxQuestion, maxAnswer, maxText, systemPrompt);
    }

    @Test
    void context_chat_sends_earlier_turns_with_their_true_roles() {
        Bot bot = new Bot();
        bot.send(aPrivateMessage().saying("串聊").build());
        bot.send(aPrivateMessage().saying("q1").build());
        bot.send(aPrivateMessage().saying("q2").build());
        bot.send(aPrivateMessage().saying("q3").build());
        assertThat(bot.model.lastRequest().turns()).extracting(ChatTurn::role, ChatTurn::text).containsExactly(
                tuple(Role.USER, "q1"), tuple(Role.ASSISTANT, "answer to: q1"),
                tuple(Role.USER, "q2"), tuple(Role.ASSISTANT, "answer to: q2"),
                tuple(Role.USER, "q3"));
    }

    @Test
    void single_chat_sends_only_the_question() {
        Bot bot = new Bot();
        bot.send(aPrivateMessage().saying("q1").build());
        bot.send(aPrivateMessage().saying("q2").build());
        assertThat(bot.model.lastRequest().turns()).extracting(ChatTurn::text).containsExactly("q2");
    }

    @Test
    void the_mode_belongs_to_one_sender_in_one_conversation() {
        Bot bot = new Bot();
        bot.send(aGroupMessage().from(ALICE).saying("串聊").build());
        bot.send(aGroupMessage().from(ALICE).saying("q1").build());
        bot.send(aPrivateMessage().from(ALICE).saying("private q").build());
        bot.send(aGroupMessage().from(BOB).saying("bob q").build());
        assertThat(bot.model.requests().get(1).turns()).hasSize(1);
        assertThat(bot.model.requests().get(2).turns()).hasSize(1);
        bot.send(aGroupMessage().from(ALICE).saying("q2").build());
        assertThat(bot.model.lastRequest().turns()).hasSize(3);
    }

    @Test
    void the_mode_reverts_after_the_session_timeout_of_inactivity_and_slides_with_use() {
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.SINGLE, Duration.ofMinutes(10), 4096, 1024, 4096, "")));
        bot.send(aPrivateMessage().saying("串聊").build());
        bot.send(aPrivateMessage().saying("q1").build());
        bot.clock.advance(Duration.ofMinutes(9));
        bot.send(aPrivateMessage().saying("q2").build());
        assertThat(bot.model.lastRequest().turns()).hasSize(3);
        bot.clock.advance(Duration.ofMinutes(9));
        bot.send(aPrivateMessage().saying("q3").build());
        assertThat(bot.model.lastRequest().turns()).hasSize(5);
        bot.clock.advance(Duration.ofMinutes(11));
        bot.send(aPrivateMessage().saying("q4").build());
        assertThat(bot.model.lastRequest().turns()).extracting(ChatTurn::text).containsExactly("q4");
    }

    @Test
    void a_default_mode_of_context_chat_keeps_context_without_a_command() {
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.CONTEXT, Duration.ofMinutes(10), 4096, 1024, 4096, "")));
        bot.send(aPrivateMessage().saying("q1").build());
        bot.send(aPrivateMessage().saying("q2").build());
        assertThat(bot.model.lastRequest().turns()).hasSize(3);
    }

    @Test
    void a_conversation_that_fits_under_the_models_ceiling_is_never_counted() {
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.CONTEXT, Duration.ofMinutes(10), 4096, 1024, 4096, "")));
        for (int i = 0; i < 5; i++) bot.send(aPrivateMessage().saying("q" + i).build());

        assertThat(bot.model.lastRequest().turns()).hasSize(9);
        assertThat(bot.model.exactCounts()).isZero();
    }

    @Test
    void history_is_trimmed_oldest_first_to_leave_room_for_the_answer() {
        // budget = 200 - 100 = 100 tokens: each turn of 20 chars costs 23
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.CONTEXT, Duration.ofMinutes(10), 4096, 100, 200, "")));
        bot.model.answering(r -> "a".repeat(20));
        for (int i = 0; i < 5; i++) bot.send(aPrivateMessage().saying(("q" + i).repeat(10)).build());
        List<ChatTurn> turns = bot.model.lastRequest().turns();
        assertThat(bot.model.countTokens(turns)).isLessThanOrEqualTo(100);
        assertThat(turns.get(0).role()).isEqualTo(Role.USER);
        assertThat(turns.get(turns.size() - 1).text()).isEqualTo("q4".repeat(10));
        assertThat(turns).extracting(ChatTurn::text).doesNotContain("q0".repeat(10));
    }

    @Test
    void the_system_prompt_goes_first_and_is_never_trimmed() {
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.CONTEXT, Duration.ofMinutes(10), 4096, 100, 200, "be brief")));
        for (int i = 0; i < 5; i++) bot.send(aPrivateMessage().saying(("q" + i).repeat(10)).build());
        assertThat(bot.model.lastRequest().turns().get(0)).isEqualTo(ChatTurn.system("be brief"));
    }

    @Test
    void a_context_too_long_error_trims_harder_and_retries_once() {
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.CONTEXT, Duration.ofMinutes(10), 4096, 1024, 100_000, "")));
        for (int i = 0; i < 4; i++) bot.send(aPrivateMessage().saying("q" + i).build());
        bot.model.thenReturn(ChatResult.failed(ChatStatus.CONTEXT_TOO_LONG, "maximum context length is 10 tokens"));
        String reply = bot.reply(aPrivateMessage().saying("q4").build());
        assertThat(reply).isEqualTo("answer to: q4");
        int before = bot.model.requests().get(bot.model.requests().size() - 2).turns().size();
        assertThat(bot.model.lastRequest().turns().size()).isLessThan(before);
    }

    @Test
    void a_second_context_too_long_error_resets_the_context_and_says_so() {
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.CONTEXT, Duration.ofMinutes(10), 4096, 1024, 100_000, "")));
        bot.send(aPrivateMessage().saying("q0").build());
        bot.model.thenReturn(ChatResult.failed(ChatStatus.CONTEXT_TOO_LONG, "too long"))
                .thenReturn(ChatResult.failed(ChatStatus.CONTEXT_TOO_LONG, "too long"));
        String reply = bot.reply(aPrivateMessage().saying("q1").build());
        assertThat(reply).startsWith("[Wrong] 请求 OpenAI 失败了\n\n> 错误信息:")
                .endsWith("\n\n> 串聊已超过最大文本限制，对话已重置，请重新发起。");
        bot.send(aPrivateMessage().saying("q2").build());
        assertThat(bot.model.lastRequest().turns()).hasSize(1);
    }

    @Test
    void a_question_over_the_token_limit_is_refused_naming_the_limit_without_saying_openai_failed() {
        Bot bot = new Bot(b -> b.conversation(conversation(Mode.SINGLE, Duration.ofMinutes(10), 10, 1024, 4096, "")));
        assertThat(bot.reply(aPrivateMessage().saying("this question is far too long").build())).isEqualTo(
                "[Wrong] 问题太长了\n\n> 错误信息:提问超过了 10 个 token 的上限\n\n> 已超过最大文本限制，请缩短提问文字的字数。");
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void a_one_megabyte_question_is_refused_by_its_length_in_characters_before_the_tokenizer_sees_it() {
        Bot bot = new Bot();
        String huge = "长".repeat(1_000_000);
        assertThat(bot.reply(aPrivateMessage().saying(huge).build())).isEqualTo(
                "[Wrong] 问题太长了\n\n> 错误信息:提问超过了 4096 个 token 的上限\n\n> 已超过最大文本限制，请缩短提问文字的字数。");
        assertThat(bot.model.mostCharsCounted()).as("characters given to the tokenizer").isLessThan(100_000);
        assertThat(bot.model.requests()).isEmpty();
    }

    @Test
    void questions_and_answers_are_logged_with_parent_links() {
        Bot bot = new Bot();
        bot.send(aPrivateMessage().saying("串聊").build());
        bot.send(aPrivateMessage().saying("q1").build());
        bot.send(aPrivateMessage().saying("q2").build());
        List<HistoryEntry> rows = bot.history.findByUser("Alice", 0, 10);
        assertThat(rows).extracting(HistoryEntry::id, HistoryEntry::kind, HistoryEntry::parentId, HistoryEntry::content)
                .containsExactly(
                        tuple(4L, HistoryEntry.Kind.ANSWER, 3L, "answer to: q2"),
                        tuple(3L, HistoryEntry.Kind.QUESTION, 2L, "q2"),
                        tuple(2L, HistoryEntry.Kind.ANSWER, 1L, "answer to: q1"),
                        tuple(1L, HistoryEntry.Kind.QUESTION, 0L, "q1"));
        assertThat(rows.get(0).chatTitle()).isEqualTo("Alice_私聊");
    }

    @Test
    void a_template_question_is_expanded_with_only_the_leading_title_removed() {
        Bot bot = new Bot();
        bot.send(aPrivateMessage().saying("#解释代码 x = \"#解释代码\"").build());
        assertThat(bot.model.lastRequest().turns().get(0).text()).isEqualTo("请解释以下代码：\n```\nx = \"#解释代码\"\n```");
    }

    @Test
    void template_titles_match_ignoring_ascii_case() {
        Bot bot = new Bot();
        bot.send(aPrivateMessage().saying("#Linux命令 列出大文件").build());
        assertThat(bot.model.lastRequest().turns().get(0).text()).isEqualTo("请把下面的需求写成一条 Linux 命令：列出大文件");
    }

    @Test
    void a_bare_template_title_replies_with_its_description_as_text() {
        Bot bot = new Bot();
        assertThat(bot.send(aPrivateMessage().saying("#周报").build()).only().text())
                .isEqualTo("#周报：\n请帮我把以下的工作内容填充为一篇完整的周报：___输入内容___");
        assertThat(bot.model.requests()).isEmpty();
    }
}
