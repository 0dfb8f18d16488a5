package dev.dingbot.core.pipeline;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownFormatterTest {

    @Test
    void the_verified_example_of_the_original_is_reproduced() {
        String answer = "# Title <b>\n```go\n# c <x>\n```\nuse \"a\" & 'b'";

        assertThat(MarkdownFormatter.format(answer))
                .isEqualTo("# Title &lt;b&gt;\n```go\n\\# c <x>\n```\nuse &#34;a&#34; &amp; &#39;b&#39;");
    }

    @Test
    void text_is_not_escaped_when_the_answer_holds_no_angle_bracket() {
        String answer = "Tom & \"Jerry\" > 'Spike'";

        assertThat(MarkdownFormatter.format(answer)).isEqualTo(answer);
    }

    @Test
    void an_angle_bracket_inside_code_still_switches_on_escaping_outside() {
        assertThat(MarkdownFormatter.format("```\n<x>\n```\n\"q\""))
                .isEqualTo("```\n<x>\n```\n&#34;q&#34;");
    }

    @Test
    void the_opening_fence_counts_as_code_and_the_closing_fence_as_text() {
        assertThat(MarkdownFormatter.format("```c#\n# a\n```\n# b"))
                .isEqualTo("```c\\#\n\\# a\n```\n# b");
    }

    @Test
    void an_unclosed_fence_keeps_the_rest_of_the_answer_in_code() {
        assertThat(MarkdownFormatter.format("<p>\n```sh\n# one\n# two"))
                .isEqualTo("&lt;p&gt;\n```sh\n\\# one\n\\# two");
    }

    @Test
    void only_a_fence_at_the_very_start_of_a_line_toggles() {
        assertThat(MarkdownFormatter.format("  ```\n# heading\n  ```"))
                .isEqualTo("  ```\n# heading\n  ```");
    }

    @Test
    void line_breaks_are_kept_as_they_are_including_trailing_and_carriage_returns() {
        assertThat(MarkdownFormatter.format("a<\r\n\n```\r\n#\r\n```\n"))
                .isEqualTo("a&lt;\r\n\n```\r\n\\#\r\n```\n");
    }
}
