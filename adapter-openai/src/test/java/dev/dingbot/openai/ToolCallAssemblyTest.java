package dev.dingbot.openai;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.modelhttp.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tool calls gathered from stream deltas and whole answers, however a server splits them. */
class ToolCallAssemblyTest {

    private final List<String> shown = new ArrayList<>();
    private final AnswerGatherer answer = new AnswerGatherer("gpt-4o-mini", new ChatListener() {
        @Override
        public void onText(String delta) {
            shown.add(delta);
        }
    });

    /** A chunk whose delta holds these {@code tool_calls} elements (JSON text). */
    private static String calls(String... elements) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[" + String.join(",", elements)
                + "]},\"finish_reason\":null}]}";
    }

    private static String finish(String reason) {
        return "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason + "\"}]}";
    }

    private ChatResult streamed(String... events) {
        for (String event : events) answer.onEvent(event);
        answer.onEvent("[DONE]");
        AnswerGatherer.Outcome outcome = answer.outcome();
        assertThat(outcome.failure()).isNull();
        return outcome.result();
    }

    @Test
    void arguments_streamed_in_fragments_are_joined_into_one_call() {
        ChatResult result = streamed(
                calls("{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}"),
                calls("{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}"),
                calls("{\"index\":0,\"function\":{\"arguments\":\"ty\\\":\\\"杭\"}}"),
                calls("{\"index\":0,\"function\":{\"arguments\":\"州\\\"}\"}}"),
                finish("tool_calls"));

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.wantsTools()).isTrue();
        assertThat(result.toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"杭州\"}"));
        assertThat(shown).isEmpty();
    }

    @Test
    void a_name_split_over_chunks_empty_fragments_and_an_id_arriving_late_still_make_the_call() {
        ChatResult result = streamed(
                calls("{\"index\":0,\"type\":\"function\",\"function\":{\"name\":\"get_\"}}"),
                calls("{\"index\":0,\"function\":{\"name\":\"weather\",\"arguments\":\"\"}}"),
                calls("{\"index\":0,\"function\":{}}"),
                calls("{\"index\":0,\"id\":\"call_late\",\"function\":{\"arguments\":\"{}\"}}"),
                calls("{\"index\":0,\"function\":{\"arguments\":\"\"}}"),
                finish("tool_calls"));

        assertThat(result.toolCalls()).containsExactly(new ToolCall("call_late", "get_weather", "{}"));
    }

    @Test
    void two_calls_interleaved_by_index_come_out_in_index_order() {
        ChatResult result = streamed(
                calls("{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"whois\",\"arguments\":\"{\\\"do\"}}"),
                calls("{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"time\",\"arguments\":\"\"}}"),
                calls("{\"index\":1,\"function\":{\"arguments\":\"main\\\":\\\"a.cn\\\"}\"}}",
                        "{\"index\":0,\"function\":{\"arguments\":\"{}\"}}"),
                finish("tool_calls"));

        assertThat(result.toolCalls()).containsExactly(new ToolCall("call_a", "time", "{}"),
                new ToolCall("call_b", "whois", "{\"domain\":\"a.cn\"}"));
    }

    @Test
    void a_server_that_repeats_the_name_with_every_fragment_does_not_double_it() {
        ChatResult result = streamed(
                calls("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"time\",\"arguments\":\"{\\\"tz\\\":\"}}"),
                calls("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"time\",\"arguments\":\"\\\"UTC\\\"}\"}}"),
                finish("tool_calls"));

        assertThat(result.toolCalls()).containsExactly(new ToolCall("c", "time", "{\"tz\":\"UTC\"}"));
    }

    @Test
    void without_index_calls_are_told_apart_by_id_and_a_call_without_an_id_gets_one() {
        ChatResult result = streamed(
                calls("{\"id\":\"x1\",\"function\":{\"name\":\"one\",\"arguments\":\"{\\\"a\\\":\"}}"),
                calls("{\"function\":{\"arguments\":\"1}\"}}"),
                calls("{\"id\":\"x2\",\"function\":{\"name\":\"two\",\"arguments\":\"{}\"}}"),
                calls("{\"index\":2,\"function\":{\"name\":\"three\"}}"),
                finish("tool_calls"));

        assertThat(result.toolCalls()).containsExactly(new ToolCall("x1", "one", "{\"a\":1}"),
                new ToolCall("x2", "two", "{}"), new ToolCall("call_2", "three", "{}"));
    }

    @Test
    void calls_sent_with_finish_reason_stop_still_decide_and_text_beside_them_is_kept() {
        ChatResult result = streamed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me look.\"}}]}",
                calls("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"time\",\"arguments\":\"{}\"}}"),
                finish("stop"));

        assertThat(result.wantsTools()).isTrue();
        assertThat(result.text()).isEqualTo("Let me look.");
        assertThat(shown).containsExactly("Let me look.");
    }

    @Test
    void a_stream_cut_after_tool_call_deltas_fails_and_may_be_retried_since_nothing_was_shown() {
        answer.onEvent(calls("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"time\",\"arguments\":\"{\\\"tz\"}}"));

        AnswerGatherer.Outcome outcome = answer.outcome();

        assertThat(outcome.failure().status()).isEqualTo(ChatStatus.NETWORK);
        assertThat(answer.delivered()).isFalse();
        assertThat(answer.failedResult(outcome.failure()).toolCalls()).isEmpty();
    }

    @Test
    void calls_cut_by_the_token_limit_are_a_truncated_answer_not_calls_to_run() {
        ChatResult result = streamed(
                calls("{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"time\",\"arguments\":\"{\\\"tz\"}}"),
                finish("length"));

        assertThat(result.status()).isEqualTo(ChatStatus.TRUNCATED);
        assertThat(result.wantsTools()).isFalse();
    }

    @Test
    void a_whole_answer_carries_its_calls_in_message_tool_calls() {
        answer.onCompletion(Json.parseOrNull("""
                {"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                  {"id":"call_1","type":"function","function":{"name":"time","arguments":"{}"}},
                  {"id":"call_2","type":"function","function":{"name":"whois","arguments":"{\\"domain\\":\\"a.cn\\"}"}}]},
                 "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":50,"completion_tokens":20}}
                """));

        ChatResult result = answer.outcome().result();

        assertThat(result.wantsTools()).isTrue();
        assertThat(result.toolCalls()).containsExactly(new ToolCall("call_1", "time", "{}"),
                new ToolCall("call_2", "whois", "{\"domain\":\"a.cn\"}"));
        assertThat(result.text()).isEmpty();
        assertThat(result.usage()).hasValueSatisfying(u -> assertThat(u.promptTokens()).isEqualTo(50));
    }

    @Test
    void arguments_sent_as_a_json_object_instead_of_text_are_kept_as_its_json_text() {
        answer.onCompletion(Json.parseOrNull("""
                {"choices":[{"index":0,"message":{"role":"assistant","content":"","tool_calls":[
                  {"id":"c","function":{"name":"whois","arguments":{"domain":"a.cn"}}}]},"finish_reason":"tool_calls"}]}
                """));

        assertThat(answer.outcome().result().toolCalls()).containsExactly(new ToolCall("c", "whois", "{\"domain\":\"a.cn\"}"));
    }

    @Test
    void calls_of_a_whole_answer_without_ids_or_indexes_stay_apart_and_get_ids_of_their_own() {
        answer.onCompletion(Json.parseOrNull("""
                {"choices":[{"index":0,"message":{"role":"assistant","tool_calls":[
                  {"function":{"name":"time","arguments":"{}"}},{"function":{"name":"whois","arguments":"{}"}}]},
                 "finish_reason":"tool_calls"}]}
                """));

        assertThat(answer.outcome().result().toolCalls()).containsExactly(new ToolCall("call_0", "time", "{}"),
                new ToolCall("call_1", "whois", "{}"));
    }
}
