package dev.dingbot.core.contract;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import dev.dingbot.core.port.DocumentReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link DocumentReader} promises for files users send: whatever the bytes and the name, a value comes
 * back and nothing is thrown; a UTF-8 text file is read; archives and programs are not; the text stays within
 * the reader's character limit. Subclasses give a reader with its usual limits and one cut at a number of
 * characters.
 */
public abstract class DocumentReaderContract {

    protected abstract DocumentReader reader();

    protected abstract DocumentReader readerCappedAt(int maxChars);

    private static final String[] NAMES = {"report.pdf", "notes.docx", "table.xlsx", "slides.pptx", "readme.txt",
            "data.csv", "archive.zip", "setup.exe", "noextension", "", " ", null, ".", "..", "a.", ".pdf",
            "../../etc/passwd", "C:\\Users\\me\\报告.PDF", "名字.TXT", "x".repeat(500) + ".docx"};

    @Test
    void random_bytes_under_any_name_give_a_value_and_throw_nothing() {
        Random random = new Random(7);
        for (String name : NAMES) {
            for (int size : new int[] {1, 8, 100, 5000}) {
                byte[] garbage = new byte[size];
                random.nextBytes(garbage);
                assertGivesAValue(name, garbage);
            }
        }
    }

    @Test
    void empty_content_under_any_name_gives_a_value_that_is_not_read_text() {
        for (String name : NAMES) {
            DocumentText text = assertGivesAValue(name, new byte[0]);
            assertThat(text.text()).as("text of an empty %s", name).isEmpty();
        }
    }

    @Test
    void a_format_signature_followed_by_garbage_gives_a_value_and_throws_nothing() {
        byte[][] heads = {"%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), {'P', 'K', 3, 4},
                {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFF, (byte) 0xFE}};
        Random random = new Random(11);
        for (byte[] head : heads) {
            byte[] content = Arrays.copyOf(head, head.length + 300);
            byte[] tail = new byte[300];
            random.nextBytes(tail);
            System.arraycopy(tail, 0, content, head.length, tail.length);
            for (String name : NAMES) {
                assertGivesAValue(name, content);
            }
        }
    }

    @Test
    void a_utf8_text_file_is_read_as_it_is_written() {
        String written = "第一行：钉钉机器人\nsecond line, plain ASCII\n";
        DocumentText text = reader().read("notes.txt", written.getBytes(StandardCharsets.UTF_8));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.text()).contains("第一行：钉钉机器人").contains("second line, plain ASCII");
        assertThat(text.fileName()).isEqualTo("notes.txt");
        assertThat(text.kind()).isNotBlank();
        assertThat(text.cut()).isFalse();
    }

    @Test
    void an_archive_or_a_program_is_an_unsupported_type() throws IOException {
        DocumentText zip = reader().read("photos.zip", zipHolding("photo.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8}));
        byte[] program = Arrays.copyOf(new byte[] {'M', 'Z', (byte) 0x90, 0}, 512);
        DocumentText exe = reader().read("setup.exe", program);

        assertThat(zip.outcome()).isEqualTo(Outcome.UNSUPPORTED_TYPE);
        assertThat(exe.outcome()).isEqualTo(Outcome.UNSUPPORTED_TYPE);
        assertThat(zip.text()).isEmpty();
        assertThat(exe.text()).isEmpty();
    }

    @Test
    void a_text_longer_than_the_character_limit_is_cut_at_it_and_says_so() {
        String longText = "这是一段很长的文字。This is a long text. ".repeat(2000);
        DocumentText text = readerCappedAt(1000).read("long.txt", longText.getBytes(StandardCharsets.UTF_8));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.text()).hasSizeLessThanOrEqualTo(1000).isNotEmpty();
        assertThat(longText).startsWith(text.text().strip());
        assertThat(text.cut()).isTrue();
    }

    private DocumentText assertGivesAValue(String name, byte[] content) {
        DocumentText[] result = new DocumentText[1];
        assertThatCode(() -> result[0] = reader().read(name, content))
                .as("reading %d bytes named %s", content.length, name).doesNotThrowAnyException();
        assertThat(result[0]).as("the value for %s", name).isNotNull();
        assertThat(result[0].fileName()).isNotNull();
        assertThat(result[0].kind()).isNotNull();
        return result[0];
    }

    private static byte[] zipHolding(String entry, byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(bytes);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
