package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import dev.dingbot.core.port.DocumentReader;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextReadingTest {

    private static final String CHINESE = "钉钉机器人读取文件：第一行\n第二行，含标点。";

    private final DocumentReader reader = DocumentReaders.create(DocumentLimits.defaults());

    @Test
    void a_gbk_file_as_chinese_windows_writes_it_is_read_as_chinese() {
        DocumentText text = reader.read("笔记.txt", CHINESE.getBytes(Charset.forName("GBK")));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.kind()).isEqualTo("文本");
        assertThat(text.text()).isEqualTo(CHINESE);
    }

    @Test
    void a_byte_order_mark_names_the_charset_and_is_not_part_of_the_text() {
        DocumentText utf8 = reader.read("a.md", withMark(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                CHINESE.getBytes(StandardCharsets.UTF_8)));
        DocumentText utf16le = reader.read("a.csv", withMark(new byte[] {(byte) 0xFF, (byte) 0xFE},
                CHINESE.getBytes(StandardCharsets.UTF_16LE)));
        DocumentText utf16be = reader.read("a.log", withMark(new byte[] {(byte) 0xFE, (byte) 0xFF},
                CHINESE.getBytes(StandardCharsets.UTF_16BE)));

        assertThat(utf8.text()).isEqualTo(CHINESE);
        assertThat(utf16le.text()).isEqualTo(CHINESE);
        assertThat(utf16be.text()).isEqualTo(CHINESE);
    }

    @Test
    void a_file_without_an_extension_is_read_when_it_is_text_and_refused_when_it_is_not() {
        DocumentText text = reader.read("Makefile", "all:\n\tjavac Main.java\n".getBytes(StandardCharsets.UTF_8));
        DocumentText binary = reader.read("program", new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.text()).isEqualTo("all:\n\tjavac Main.java");
        assertThat(binary.outcome()).isEqualTo(Outcome.UNSUPPORTED_TYPE);
        assertThat(binary.kind()).isEqualTo("文件");
    }

    @Test
    void bytes_with_nul_under_a_text_name_are_an_unsupported_type() {
        DocumentText text = reader.read("data.json", "{\"a\":\u0000\u0001}".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(text.outcome()).isEqualTo(Outcome.UNSUPPORTED_TYPE);
        assertThat(text.kind()).isEqualTo("JSON");
    }

    @Test
    void an_empty_or_blank_text_file_has_no_text() {
        assertThat(reader.read("empty.txt", new byte[0]).outcome()).isEqualTo(Outcome.NO_TEXT);
        assertThat(reader.read("blank.txt", " \n\t\n".getBytes(StandardCharsets.UTF_8)).outcome())
                .isEqualTo(Outcome.NO_TEXT);
    }

    @Test
    void a_file_of_an_unknown_kind_is_an_unsupported_type_named_by_its_extension() {
        DocumentText text = reader.read("photo.JPG", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0});

        assertThat(text.outcome()).isEqualTo(Outcome.UNSUPPORTED_TYPE);
        assertThat(text.kind()).isEqualTo("JPG");
    }

    @Test
    void a_long_gbk_file_is_decoded_only_up_to_the_character_limit() {
        DocumentReader capped = DocumentReaders.create(DocumentLimits.builder().maxChars(10).build());

        DocumentText text = capped.read("long.txt", "中文".repeat(10_000).getBytes(Charset.forName("GBK")));

        assertThat(text.text()).isEqualTo("中文".repeat(5));
        assertThat(text.cut()).isTrue();
    }

    private static byte[] withMark(byte[] mark, byte[] text) {
        return ByteBuffer.allocate(mark.length + text.length).put(mark).put(text).array();
    }
}
