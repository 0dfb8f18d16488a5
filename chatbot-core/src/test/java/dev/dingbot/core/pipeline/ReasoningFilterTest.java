package dev.dingbot.core.pipeline;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReasoningFilterTest {

    @Test
    void a_leading_think_block_and_the_whitespace_after_it_are_removed() {
        String answer = "<think>\nThe user greets me.\n</think>\n\nHello! How can I help?";

        assertThat(ReasoningFilter.strip(answer)).isEqualTo("Hello! How can I help?");
    }

    @Test
    void an_answer_without_reasoning_is_kept() {
        assertThat(ReasoningFilter.strip("Plain answer with <b>tags</b>.")).isEqualTo("Plain answer with <b>tags</b>.");
    }

    @Test
    void every_think_block_is_removed_wherever_it_is() {
        assertThat(ReasoningFilter.strip("<think>a</think>One<think>b\n</think> two<think></think>."))
                .isEqualTo("One two.");
    }

    @Test
    void a_think_block_never_closed_hides_the_rest_of_the_answer() {
        assertThat(ReasoningFilter.strip("<think>still reasoning when the output was cut")).isEmpty();
        assertThat(ReasoningFilter.strip("Answer.<think>more")).isEqualTo("Answer.");
    }

    @Test
    void while_streaming_an_unclosed_think_block_is_hidden_until_it_closes() {
        assertThat(ReasoningFilter.visiblePart("<think>\nLet me think about")).isEmpty();
        assertThat(ReasoningFilter.visiblePart("<think>\nLet me think about it.\n</think>\n\nThe ans"))
                .isEqualTo("The ans");
    }

    @Test
    void while_streaming_a_partial_opening_tag_at_the_end_is_held_back() {
        assertThat(ReasoningFilter.visiblePart("<thi")).isEmpty();
        assertThat(ReasoningFilter.visiblePart("Result: x <")).isEqualTo("Result: x ");
        assertThat(ReasoningFilter.visiblePart("Result: x <think")).isEqualTo("Result: x ");
        assertThat(ReasoningFilter.strip("Result: x <think")).isEqualTo("Result: x <think");
    }

    @Test
    void while_streaming_text_that_turns_out_not_to_be_a_tag_is_shown() {
        assertThat(ReasoningFilter.visiblePart("if a <b then")).isEqualTo("if a <b then");
        assertThat(ReasoningFilter.visiblePart("<thinking>")).isEqualTo("<thinking>");
    }

    @Test
    void what_is_shown_while_streaming_only_grows_and_ends_as_the_stripped_answer() {
        List<String> answers = List.of(
                "<think>\nreasoning < here\n</think>\n\nFinal <b>answer</b> < 3 and <thinking> stays.",
                "  <think>x</think> \n<think>y</think>Two blocks, then a tail <",
                "No reasoning at all, just text.");
        for (String answer : answers) {
            String previous = "";
            for (int end = 0; end <= answer.length(); end++) {
                String visible = ReasoningFilter.visiblePart(answer.substring(0, end));
                assertThat(visible).as("prefix of length %d of %s", end, answer).startsWith(previous);
                previous = visible;
            }
            assertThat(ReasoningFilter.strip(answer)).startsWith(previous);
        }
        assertThat(ReasoningFilter.visiblePart(answers.get(0))).isEqualTo(ReasoningFilter.strip(answers.get(0)))
                .isEqualTo("Final <b>answer</b> < 3 and <thinking> stays.");
    }
}
