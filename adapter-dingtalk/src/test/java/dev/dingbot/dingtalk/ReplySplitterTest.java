package dev.dingbot.dingtalk;

import dev.dingbot.core.model.OutgoingMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplySplitterTest {

    @Test
    void a_short_message_stays_whole() {
        OutgoingMessage message = OutgoingMessage.markdown("short", List.of("u1"));

        assertThat(new ReplySplitter(10, 100).split(message)).containsExactly(message);
    }

    @Test
    void an_empty_message_stays_one_empty_message() {
        assertThat(new ReplySplitter(10, 100).pieces("")).containsExactly("");
    }

    @Test
    void pieces_end_at_a_line_break_in_their_second_half() {
        assertThat(new ReplySplitter(10, 100).pieces("aaaaaaa\nbbbbbbb\nccc")).containsExactly("aaaaaaa", "bbbbbbb", "ccc");
    }

    @Test
    void without_a_late_line_break_the_cut_is_hard_but_never_inside_a_character() {
        String emoji = "😀".repeat(6); // 12 chars, 24 bytes

        List<String> pieces = new ReplySplitter(5, 100).pieces(emoji);

        assertThat(pieces).containsExactly("😀😀", "😀😀", "😀😀");
    }

    @Test
    void characters_escaped_in_json_count_double() {
        String quotes = "\"".repeat(10); // 20 bytes inside a JSON string

        assertThat(new ReplySplitter(1_000, 10).pieces(quotes)).containsExactly("\"".repeat(5), "\"".repeat(5));
    }

    @Test
    void utf8_size_limits_chinese_text_before_the_character_limit() {
        String chinese = "钉".repeat(100); // 300 bytes

        List<String> pieces = new ReplySplitter(1_000, 90).pieces(chinese);

        assertThat(pieces).hasSize(4).allSatisfy(p -> assertThat(p.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(90));
        assertThat(String.join("", pieces)).isEqualTo(chinese);
    }
}
