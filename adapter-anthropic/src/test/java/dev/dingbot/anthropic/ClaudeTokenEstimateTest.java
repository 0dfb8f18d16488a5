package dev.dingbot.anthropic;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClaudeTokenEstimateTest {

    private final ClaudeTokenEstimate estimate = new ClaudeTokenEstimate();

    @Test
    void english_counts_a_token_per_three_characters_rounded_up() {
        assertThat(ClaudeTokenEstimate.ofText("")).isZero();
        assertThat(ClaudeTokenEstimate.ofText("a")).isEqualTo(1);
        assertThat(ClaudeTokenEstimate.ofText("Tell me about the sea.")).isEqualTo(8);
    }

    @Test
    void chinese_counts_more_than_a_token_per_character_to_stay_on_the_safe_side() {
        assertThat(ClaudeTokenEstimate.ofText("潮水退去")).isEqualTo(6);
        assertThat(ClaudeTokenEstimate.ofText("😀")).isEqualTo(2); // one code point, not two chars
    }

    @Test
    void pictures_and_tool_calls_count_besides_the_text() {
        int plain = estimate.count(List.of(ChatTurn.user("hi")));
        int withPicture = estimate.count(List.of(ChatTurn.user("hi", List.of(new Image(new byte[]{1}, "image/png")))));
        int withCall = estimate.count(List.of(ChatTurn.user("hi"),
                ChatTurn.assistantCalling("", List.of(new ToolCall("t", "whois", "{\"domain\":\"example.com\"}")))));

        assertThat(withPicture - plain).isEqualTo(ClaudeTokenEstimate.TOKENS_PER_IMAGE);
        assertThat(withCall - plain).isGreaterThan(10);
    }
}
