package dev.dingbot.openai;

import com.knuddels.jtokkit.api.Encoding;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class TokenCounterTest {

    @Test
    void system_and_user_hello_with_gpt_4o_is_19_tokens_as_openai_reports() {
        var turns = List.of(ChatTurn.system("You are a helpful assistant."), ChatTurn.user("Hello!"));

        assertThat(new TokenCounter("gpt-4o").count(turns)).isEqualTo(19);
    }

    @Test
    void unknown_models_fall_back_to_o200k_base() {
        var turns = List.of(ChatTurn.system("You are a helpful assistant."), ChatTurn.user("Hello!"));

        assertThat(new TokenCounter("deepseek-chat").count(turns)).isEqualTo(19);
        assertThat(new TokenCounter("gpt-5").count(turns)).isEqualTo(19);
    }

    @Test
    void newer_gpt_4_variants_use_o200k_while_gpt_4_uses_cl100k() {
        assertThat(TokenCounter.encodingFor("gpt-4.1-mini").getName()).isEqualTo("o200k_base");
        assertThat(TokenCounter.encodingFor("o3-mini").getName()).isEqualTo("o200k_base");
        assertThat(TokenCounter.encodingFor("gpt-4").getName()).isEqualTo("cl100k_base");
        assertThat(TokenCounter.encodingFor("gpt-3.5-turbo").getName()).isEqualTo("cl100k_base");
    }

    @Test
    void each_image_adds_a_fixed_allowance() {
        var counter = new TokenCounter("gpt-4o");
        int text = counter.count(List.of(ChatTurn.user("What is this?")));
        int withTwo = counter.count(List.of(ChatTurn.user("What is this?",
                List.of(Image.of(new byte[]{1}), Image.of(new byte[]{2})))));

        assertThat(withTwo - text).isEqualTo(2 * TokenCounter.TOKENS_PER_IMAGE);
    }

    @Test
    void special_tokens_typed_by_a_user_are_counted_as_ordinary_text() {
        var counter = new TokenCounter("gpt-4o");

        assertThatCode(() -> counter.count(List.of(ChatTurn.user("<|endoftext|> hi")))).doesNotThrowAnyException();
        assertThat(counter.count(List.of(ChatTurn.user("<|endoftext|> hi")))).isGreaterThan(8);
    }

    @Test
    void a_ceiling_is_taken_without_loading_the_vocabulary_and_a_count_loads_it() {
        var counter = new TokenCounter("gpt-4o");
        counter.ceiling(List.of(ChatTurn.user("Hello!")));

        assertThat(counter.vocabularyLoaded()).isFalse();
        counter.count(List.of(ChatTurn.user("Hello!")));
        assertThat(counter.vocabularyLoaded()).isTrue();
    }

    @Test
    void the_ceiling_is_at_least_the_count_for_chinese_emoji_and_tool_calls() {
        var counter = new TokenCounter("gpt-4o");
        var turns = List.of(ChatTurn.system("你是一个乐于助人的助手。"),
                ChatTurn.user("今天北京的天气怎么样？🌧️ and in English, please"),
                ChatTurn.assistantCalling("", List.of(new ToolCall("c1", "weather", "{\"city\":\"北京\"}"))),
                ChatTurn.user("lone surrogate \ud83d then text"));

        assertThat(counter.ceiling(turns)).isGreaterThanOrEqualTo(counter.count(turns));
    }

    private static final Encoding O200K = TokenCounter.encodingFor("gpt-4o");

    private static int tokens(String text) {
        return O200K.countTokensOrdinary(text);
    }

    @Test
    void an_assistants_tool_calls_cost_three_each_plus_their_names_and_arguments() {
        var counter = new TokenCounter("gpt-4o");
        var calls = List.of(new ToolCall("call_1", "whois", "{\"domain\":\"dingtalk.com\"}"), new ToolCall("call_2", "time", "{}"));

        int difference = counter.count(List.of(ChatTurn.assistantCalling("", calls)))
                - counter.count(List.of(ChatTurn.assistant("")));

        assertThat(difference).isEqualTo(3 + tokens("whois") + tokens("{\"domain\":\"dingtalk.com\"}") + 3 + tokens("time") + tokens("{}"));
    }

    @Test
    void a_tool_result_costs_what_any_message_of_its_role_and_text_costs() {
        var counter = new TokenCounter("gpt-4o");

        assertThat(counter.count(List.of(ChatTurn.toolResult("call_1", "12:00 in Hangzhou"))))
                .isEqualTo(3 + 3 + tokens("tool") + tokens("12:00 in Hangzhou"));
    }
}
