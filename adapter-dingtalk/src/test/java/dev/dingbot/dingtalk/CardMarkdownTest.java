package dev.dingbot.dingtalk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardMarkdownTest {

    @Test
    void a_lone_line_break_becomes_br() {
        assertThat(CardMarkdown.normalise("first line\nsecond line")).isEqualTo("first line<br>second line");
    }

    @Test
    void blank_lines_stay() {
        assertThat(CardMarkdown.normalise("para one\n\npara two")).isEqualTo("para one\n\npara two");
    }

    @Test
    void breaks_before_list_heading_and_quote_lines_stay() {
        assertThat(CardMarkdown.normalise("Steps:\n- one\n- two\n1. three\n# Title\n> quoted"))
                .isEqualTo("Steps:\n- one\n- two\n1. three\n# Title\n> quoted");
    }

    @Test
    void a_table_gets_a_blank_line_before_it_and_keeps_its_rows() {
        assertThat(CardMarkdown.normalise("Result:\n| a | b |\n|---|---|\n| 1 | 2 |"))
                .isEqualTo("Result:\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    }

    @Test
    void code_blocks_are_left_exactly_as_they_are() {
        String code = "Run:\n```bash\nls\n| grep x\n```\nthen\nmore";

        assertThat(CardMarkdown.normalise(code)).isEqualTo("Run:\n```bash\nls\n| grep x\n```\nthen<br>more");
    }

    @Test
    void a_heading_line_is_not_followed_by_br() {
        assertThat(CardMarkdown.normalise("## Answer\nParis")).isEqualTo("## Answer\nParis");
    }

    @Test
    void windows_line_ends_are_treated_as_line_breaks() {
        assertThat(CardMarkdown.normalise("a\r\nb")).isEqualTo("a<br>b");
    }
}
