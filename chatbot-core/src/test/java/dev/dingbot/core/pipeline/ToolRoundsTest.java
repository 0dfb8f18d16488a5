package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Role;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.settings.QuotaSettings;
import dev.dingbot.core.settings.ReplySettings;
import dev.dingbot.core.settings.ToolSettings;
import dev.dingbot.core.testing.FakeReplyChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.dingbot.core.testing.FakeChatModel.callingTools;
import static dev.dingbot.core.testing.Messages.aGroupMessage;
import static dev.dingbot.core.testing.Messages.aPrivateMessage;
import static org.assertj.core.api.Assertions.assertThat;

class ToolRoundsTest {

    private static Bot botWithTools(ToolSettings tools) {
        Bot bot = new Bot(b -> b.tools(tools));
        bot.tools.with("ops", "echo", args -> ToolResult.ok("echo " + args))
                .with(ToolDefinition.BUILT_IN, "whois", args -> ToolResult.ok("registered 1995"));
        return bot;
    }

    private static Bot botWithTools() {
        return botWithTools(ToolSettings.defaults());
    }

    private static List<ChatTurn> turnsOf(ChatRequest request, Role role) {
        return request.turns().stream().filter(t -> t.role() == role).toList();
    }

    @Test
    void a_question_offers_the_askers_tools_and_without_tools_the_request_is_as_before() {
        Bot bot = botWithTools();
        bot.send(aPrivateMessage().saying("hi").build());
        assertThat(bot.model.lastRequest().tools()).extracting(ToolDefinition::name).containsExactly("ops_echo", "whois");

        Bot plain = new Bot();
        plain.send(aPrivateMessage().saying("hi").build());
        assertThat(plain.model.lastRequest().offersTools()).isFalse();
        assertThat(plain.model.lastRequest().turns()).extracting(ChatTurn::role).containsExactly(Role.USER);
    }

    @Test
    void a_tool_call_is_run_and_the_next_request_holds_the_assistant_calls_and_the_result_with_the_matching_call_id() {
        Bot bot = botWithTools();
        bot.model.thenReturn(callingTools(new ToolCall("call_1", "ops_echo", "{\"q\":\"x\"}")));

        String reply = bot.reply(aPrivateMessage().saying("echo x please").build());

        assertThat(bot.model.requests()).hasSize(2);
        ChatRequest second = bot.model.requests().get(1);
        ChatTurn calling = turnsOf(second, Role.ASSISTANT).get(0);
        assertThat(calling.toolCalls()).containsExactly(new ToolCall("call_1", "ops_echo", "{\"q\":\"x\"}"));
        assertThat(turnsOf(second, Role.TOOL)).singleElement().satisfies(t -> {
            assertThat(t.toolCallId()).isEqualTo("call_1");
            assertThat(t.text()).isEqualTo("echo {\"q\":\"x\"}");
        });
        assertThat(second.tools()).isNotEmpty();
        assertThat(bot.tools.received()).singleElement().satisfies(r -> {
            assertThat(r.asker().userId()).isEqualTo("alice01");
            assertThat(r.asker().inGroup()).isFalse();
        });
        assertThat(reply).isEqualTo("answer to: echo {\"q\":\"x\"}");
        assertThat(bot.toolEvents).containsExactly("ops/echo:ok");
    }

    @Test
    void two_calls_of_one_turn_run_at_the_same_time_and_their_results_follow_in_the_order_of_the_calls() {
        Bot bot = botWithTools();
        CountDownLatch secondStarted = new CountDownLatch(1);
        bot.tools.with("ops", "waits", args -> {
            try {
                // Finishes only if the other call runs while this one waits.
                return secondStarted.await(5, TimeUnit.SECONDS) ? ToolResult.ok("first") : ToolResult.ok("alone");
            } catch (InterruptedException e) {
                return ToolResult.ok("interrupted");
            }
        }).with("ops", "signals", args -> {
            secondStarted.countDown();
            return ToolResult.ok("second");
        });
        bot.model.thenReturn(callingTools(new ToolCall("a", "ops_waits", "{}"), new ToolCall("b", "ops_signals", "{}")));

        bot.send(aPrivateMessage().saying("both").build());

        List<ChatTurn> results = turnsOf(bot.model.requests().get(1), Role.TOOL);
        assertThat(results).extracting(ChatTurn::toolCallId).containsExactly("a", "b");
        assertThat(results).extracting(ChatTurn::text).containsExactly("first", "second");
    }

    @Test
    void after_max_rounds_the_model_is_asked_once_more_without_tools_and_the_answer_says_the_limit_was_reached() {
        Bot bot = botWithTools(new ToolSettings(2, Duration.ofSeconds(30), 8000));
        bot.model.thenReturn(callingTools(new ToolCall("c1", "whois", "{}")))
                .thenReturn(callingTools(new ToolCall("c2", "whois", "{}")));

        String reply = bot.reply(aPrivateMessage().saying("loop").build());

        assertThat(bot.model.requests()).hasSize(3);
        assertThat(bot.model.requests()).extracting(ChatRequest::offersTools).containsExactly(true, true, false);
        assertThat(turnsOf(bot.model.lastRequest(), Role.TOOL)).extracting(ChatTurn::toolCallId).containsExactly("c1", "c2");
        assertThat(reply).startsWith("answer to: registered 1995").contains("工具调用已达上限（2 轮）");
    }

    @Test
    void an_answer_within_the_rounds_carries_no_notice() {
        Bot bot = botWithTools(new ToolSettings(2, Duration.ofSeconds(30), 8000));
        bot.model.thenReturn(callingTools(new ToolCall("c1", "whois", "{}")));
        assertThat(bot.reply(aPrivateMessage().saying("once").build())).isEqualTo("answer to: registered 1995");
    }

    @Test
    void a_call_of_a_tool_that_was_not_offered_goes_back_as_unknown_and_never_reaches_the_tool_box() {
        Bot bot = botWithTools();
        bot.model.thenReturn(callingTools(new ToolCall("x", "rm_rf", "{}")));

        String reply = bot.reply(aPrivateMessage().saying("hm").build());

        assertThat(bot.tools.received()).isEmpty();
        assertThat(turnsOf(bot.model.lastRequest(), Role.TOOL).get(0).text())
                .startsWith("Error (unknown_tool): no tool is named \"rm_rf\"").contains("ops_echo, whois");
        assertThat(reply).startsWith("answer to: Error (unknown_tool)");
        assertThat(bot.toolEvents).containsExactly("unknown/unknown:unknown_tool");
    }

    @Test
    void a_tool_not_offered_to_this_asker_cannot_be_called_by_name() {
        Bot bot = botWithTools();
        bot.tools.onlyFor("ops_echo", asker -> asker.admin());
        bot.model.thenReturn(callingTools(new ToolCall("x", "ops_echo", "{}")));

        bot.send(aPrivateMessage().saying("hm").build());

        assertThat(bot.model.requests().get(0).tools()).extracting(ToolDefinition::name).containsExactly("whois");
        assertThat(bot.tools.received()).isEmpty();
    }

    @Test
    void a_tool_that_does_not_answer_in_time_is_a_timeout_for_the_model_and_the_user_still_gets_an_answer() {
        Bot bot = botWithTools(new ToolSettings(5, Duration.ofMillis(200), 8000));
        CountDownLatch never = new CountDownLatch(1);
        bot.tools.with("ops", "slow", args -> {
            try {
                never.await();
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            return ToolResult.ok("too late");
        });
        bot.model.thenReturn(callingTools(new ToolCall("s", "ops_slow", "{}"), new ToolCall("e", "ops_echo", "{}")));

        String reply = bot.reply(aPrivateMessage().saying("slow one").build());

        List<ChatTurn> results = turnsOf(bot.model.lastRequest(), Role.TOOL);
        assertThat(results.get(0).text()).isEqualTo("Error (timeout): the tool did not answer within 0.2 s");
        assertThat(results.get(1).text()).isEqualTo("echo {}");
        assertThat(reply).startsWith("answer to: echo {}");
        assertThat(bot.toolEvents).containsExactlyInAnyOrder("ops/slow:timeout", "ops/echo:ok");
    }

    @Test
    void a_tool_failure_or_a_tool_box_that_throws_goes_back_to_the_model_as_that_calls_error() {
        Bot bot = botWithTools();
        bot.tools.with("ops", "fails", args -> ToolResult.failed(ToolResult.Outcome.TOOL_ERROR, "no such host"))
                .with("ops", "throws", args -> {
                    throw new IllegalStateException("boom");
                });
        bot.model.thenReturn(callingTools(new ToolCall("f", "ops_fails", "{}"), new ToolCall("t", "ops_throws", "{}")));

        bot.send(aPrivateMessage().saying("go").build());

        assertThat(turnsOf(bot.model.lastRequest(), Role.TOOL)).extracting(ChatTurn::text)
                .containsExactly("Error (tool_error): no such host", "Error (unavailable): the tool failed (IllegalStateException)");
    }

    @Test
    void a_long_tool_result_is_cut_to_its_limit_and_the_model_is_told_so() {
        Bot bot = botWithTools(new ToolSettings(5, Duration.ofSeconds(30), 100));
        bot.tools.with("ops", "big", args -> ToolResult.ok("x".repeat(5000)));
        bot.model.thenReturn(callingTools(new ToolCall("b", "ops_big", "{}")));

        bot.send(aPrivateMessage().saying("big").build());

        String sent = turnsOf(bot.model.lastRequest(), Role.TOOL).get(0).text();
        assertThat(sent).startsWith("x".repeat(100) + "\n[The result was cut: it had 5000 characters, only the first 100");
        assertThat(sent).doesNotContain("x".repeat(101));
    }

    @Test
    void in_context_mode_the_session_keeps_the_question_and_the_final_answer_but_no_tool_traffic() {
        Bot bot = new Bot(b -> b.conversation(ConversationTest.conversation(Mode.CONTEXT, Duration.ofMinutes(10),
                4096, 1024, 4096, "")));
        bot.tools.with("ops", "echo", args -> ToolResult.ok("echoed"));
        bot.model.thenReturn(callingTools(new ToolCall("c", "ops_echo", "{}")));
        bot.send(aPrivateMessage().saying("q1").build());

        bot.send(aPrivateMessage().saying("q2").build());

        List<ChatTurn> next = bot.model.lastRequest().turns();
        assertThat(next).extracting(ChatTurn::role).containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
        assertThat(next).extracting(ChatTurn::text).containsExactly("q1", "answer to: echoed", "q2");
        assertThat(next).allSatisfy(t -> assertThat(t.toolCalls()).isEmpty());
    }

    @Test
    void the_context_is_trimmed_to_leave_room_for_the_offered_tools() {
        String question = "q".repeat(40);
        for (boolean withTools : new boolean[]{false, true}) {
            Bot bot = new Bot(b -> b.conversation(ConversationTest.conversation(Mode.CONTEXT, Duration.ofMinutes(10),
                    4096, 100, 300, "")));
            if (withTools) bot.tools.with("ops", "echo", args -> ToolResult.ok("echoed"));
            bot.send(aPrivateMessage().saying(question).build());
            bot.send(aPrivateMessage().saying(question).build());
            // One earlier question and its answer fit the budget beside the question, but not beside the tools too.
            assertThat(bot.model.lastRequest().turns()).as("with tools: " + withTools).hasSize(withTools ? 1 : 3);
        }
    }

    @Test
    void a_card_shows_one_line_per_call_above_the_answer_while_it_runs_and_how_it_ended() {
        Bot bot = new Bot(b -> b.replies(new ReplySettings(true, 4000, true)));
        bot.tools.with("ops", "get_alerts", args -> ToolResult.ok("none"))
                .with("ops", "broken", args -> ToolResult.failed(ToolResult.Outcome.TIMEOUT, "late"));
        bot.model.thenReturn(callingTools(new ToolCall("a", "ops_get_alerts", "{}"), new ToolCall("b", "ops_broken", "{}")));

        FakeReplyChannel channel = bot.send(aGroupMessage().saying("alerts?").build(), new FakeReplyChannel().withCards(true));

        assertThat(channel.cardFrames()).contains("**alerts?**\n\n🔧 ops_get_alerts …\n🔧 ops_broken …\n\n稍等，让我想一想……");
        assertThat(channel.finalCardContent()).isEqualTo(
                "**alerts?**\n\n🔧 ops_get_alerts ✅ 0.0 s\n🔧 ops_broken ❌ timeout\n\nanswer to: Error (timeout): late");
        assertThat(channel.sent()).isEmpty();
    }

    @Test
    void without_a_card_the_user_gets_only_the_final_answer() {
        Bot bot = botWithTools();
        bot.model.thenReturn(callingTools(new ToolCall("c", "ops_echo", "{}")));
        FakeReplyChannel channel = bot.send(aGroupMessage().saying("q").build());
        assertThat(channel.sent()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("answer to: echo {}\n\n@alice01"));
    }

    @Test
    void the_sensitive_word_mask_applies_to_the_answer_made_from_a_tool_result() {
        Bot bot = new Bot(b -> b.sensitiveWords(List.of("secret")));
        bot.tools.with("ops", "leak", args -> ToolResult.ok("the secret"));
        bot.model.thenReturn(callingTools(new ToolCall("c", "ops_leak", "{}")));
        assertThat(bot.reply(aPrivateMessage().saying("q").build())).isEqualTo("answer to: the 🚫🚫🚫🚫🚫🚫");
    }

    @Test
    void the_tokens_of_every_round_are_recorded_and_the_question_costs_one_quota_unit() {
        Bot bot = new Bot(b -> b.quota(new QuotaSettings(3, QuotaSettings.DEFAULT_ZONE)));
        bot.tools.with(ToolDefinition.BUILT_IN, "whois", args -> ToolResult.ok("registered 1995"));
        bot.model.thenReturn(callingTools(new ToolCall("c", "whois", "{}")));
        bot.send(aPrivateMessage().saying("q").build());
        LocalDate today = LocalDate.of(2026, 11, 24);
        assertThat(bot.usage.totals(today, today)).singleElement()
                .satisfies(t -> assertThat(t.completionTokens()).isEqualTo(5 + "answer to: registered 1995".length()));
        assertThat(bot.quotas.used("alice01", today)).isEqualTo(1);
    }
}
