package dev.dingbot.modelhttp;

import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {

    private static List<String> events(String body) throws IOException {
        var reader = new SseReader(new Buffer().writeUtf8(body));
        List<String> events = new ArrayList<>();
        String data;
        while ((data = reader.next()) != null) events.add(data);
        return events;
    }

    @Test
    void lines_may_end_in_lf_crlf_or_a_bare_cr() throws IOException {
        assertThat(events("data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\n")).containsExactly("a", "b", "c", "d");
    }

    @Test
    void a_bare_cr_inside_what_looks_like_one_line_splits_it() throws IOException {
        assertThat(events("data: a\rdata: b\r\n\n")).containsExactly("a\nb");
    }

    @Test
    void comment_lines_are_ignored_and_never_dispatch() throws IOException {
        assertThat(events(": keep-alive\n\n: ping - 2026-11-24\ndata: x\n: OPENROUTER PROCESSING\n\n")).containsExactly("x");
    }

    @Test
    void one_space_after_the_colon_is_optional_and_only_one_is_dropped() throws IOException {
        assertThat(events("data:{\"a\":1}\n\ndata: {\"a\":2}\n\ndata:  two spaces\n\n"))
                .containsExactly("{\"a\":1}", "{\"a\":2}", " two spaces");
    }

    @Test
    void several_data_lines_join_with_a_newline() throws IOException {
        assertThat(events("data: first\ndata: second\ndata\n\n")).containsExactly("first\nsecond\n");
    }

    @Test
    void other_fields_are_ignored() throws IOException {
        assertThat(events("event: message\nid: 7\nretry: 100\nfoo: bar\ndata: x\n\n")).containsExactly("x");
    }

    @Test
    void blank_lines_without_data_dispatch_nothing() throws IOException {
        assertThat(events("\n\n\r\n\rdata: x\n\n\n\n")).containsExactly("x");
    }

    @Test
    void a_half_built_event_at_end_of_stream_is_discarded() throws IOException {
        assertThat(events("data: whole\n\ndata: half\n")).containsExactly("whole");
        assertThat(events("data: whole\n\ndata: no line end")).containsExactly("whole");
    }

    @Test
    void multi_byte_characters_are_decoded_whole() throws IOException {
        assertThat(events("data: 你好，世界 🌏\n\n")).containsExactly("你好，世界 🌏");
    }
}
