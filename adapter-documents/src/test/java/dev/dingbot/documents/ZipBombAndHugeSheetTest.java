package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import dev.dingbot.core.port.DocumentReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static dev.dingbot.testkit.documents.DocumentFixtures.handZippedDocx;
import static dev.dingbot.testkit.documents.DocumentFixtures.handZippedSheet;
import static dev.dingbot.testkit.documents.DocumentFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class ZipBombAndHugeSheetTest {

    @Test
    void a_word_file_whose_part_inflates_a_thousandfold_is_corrupt_and_never_fills_the_heap() {
        byte[] bomb = handZippedDocx(out -> {
            String block = "a".repeat(1 << 20);
            for (int i = 0; i < 200; i++) write(out, block); // 200 MB of text, about 200 KB zipped
        });
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);

        DocumentText text = DocumentReaders.create(DocumentLimits.defaults()).read("bomb.docx", bomb);

        assertThat(text.outcome()).isEqualTo(Outcome.CORRUPT);
        assertThat(text.kind()).isEqualTo("Word");
    }

    @Test
    void a_word_file_whose_part_inflates_past_the_size_limit_is_corrupt() {
        DocumentReader oneMegabyte = DocumentReaders.create(DocumentLimits.builder().maxInflatedBytes(1 << 20).build());
        byte[] large = twoMegabytesOfRandomWords();

        DocumentText text = oneMegabyte.read("large.docx", large);

        assertThat(text.outcome()).isEqualTo(Outcome.CORRUPT);
        DocumentText underDefaults = DocumentReaders.create(DocumentLimits.defaults()).read("large.docx", large);
        assertThat(underDefaults.outcome()).isEqualTo(Outcome.READ);
    }

    @Test
    void a_reader_keeps_its_own_size_limit_when_a_reader_with_another_one_is_created_after_it() {
        DocumentReader oneMegabyte = DocumentReaders.create(DocumentLimits.builder().maxInflatedBytes(1 << 20).build());
        DocumentReader defaults = DocumentReaders.create(DocumentLimits.defaults());
        byte[] large = twoMegabytesOfRandomWords();

        assertThat(oneMegabyte.read("large.docx", large).outcome()).isEqualTo(Outcome.CORRUPT);
        assertThat(defaults.read("large.docx", large).outcome()).isEqualTo(Outcome.READ);
    }

    /** 2 MB that zips only about twofold: no bomb, just too big for a 1 MB limit. */
    private static byte[] twoMegabytesOfRandomWords() {
        Random random = new Random(3);
        return handZippedDocx(out -> {
            StringBuilder words = new StringBuilder();
            while (words.length() < 2 << 20) words.append((char) ('a' + random.nextInt(26)));
            write(out, words.toString());
        });
    }

    @Test
    void a_sheet_of_a_million_rows_is_cut_at_the_cell_limit_well_within_the_time_limit() {
        byte[] sheet = handZippedSheet(1_000_000);
        DocumentLimits limits = DocumentLimits.builder().maxCells(200_000).maxChars(5_000_000).build();

        long start = System.nanoTime();
        DocumentText text = DocumentReaders.create(limits).read("big.xlsx", sheet);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.cut()).isTrue();
        assertThat(text.sheets()).isEqualTo(1);
        assertThat(text.text()).startsWith("## Big\n1\n2\n3\n").endsWith("\n200000");
        assertThat(text.text().lines().count()).isEqualTo(200_001);
        assertThat(took).isLessThan(limits.timeout());
    }

    @Test
    void a_sheet_is_read_up_to_the_row_where_the_time_ran_out() {
        // the clock moves 1 ms per look, one before the sheet and one before each row: the deadline at 100 ms
        // stops it before row 99
        DocumentReader slow = DocumentReaders.create(DocumentLimits.builder().timeout(Duration.ofMillis(100)).build(),
                new SteppingClock(Duration.ofMillis(1)));

        DocumentText text = slow.read("big.xlsx", handZippedSheet(1_000_000));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.cut()).isTrue();
        assertThat(text.text()).endsWith("\n98");
    }
}
