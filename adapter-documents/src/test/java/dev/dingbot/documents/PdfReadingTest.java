package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import dev.dingbot.core.port.DocumentReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.IntStream;

import static dev.dingbot.testkit.documents.DocumentFixtures.encryptedPdf;
import static dev.dingbot.testkit.documents.DocumentFixtures.imageOnlyPdf;
import static dev.dingbot.testkit.documents.DocumentFixtures.pdf;
import static org.assertj.core.api.Assertions.assertThat;

class PdfReadingTest {

    private final DocumentReader reader = DocumentReaders.create(DocumentLimits.defaults());

    @Test
    void a_pdf_is_read_page_by_page_each_under_its_page_number() {
        DocumentText text = reader.read("report.pdf", pdf("Revenue grew by nine percent", "Costs stayed flat"));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.kind()).isEqualTo("PDF");
        assertThat(text.pages()).isEqualTo(2);
        assertThat(text.sheets()).isZero();
        assertThat(text.cut()).isFalse();
        assertThat(text.text()).containsSubsequence("## 第 1 页", "Revenue grew by nine percent",
                "## 第 2 页", "Costs stayed flat");
    }

    @Test
    void a_pdf_longer_than_the_page_limit_is_read_up_to_it_and_marked_cut() {
        DocumentReader fivePages = DocumentReaders.create(DocumentLimits.builder().maxPages(5).build());
        String[] pages = IntStream.rangeClosed(1, 12).mapToObj(i -> "Text of page " + i + " here").toArray(String[]::new);

        DocumentText text = fivePages.read("long.pdf", pdf(pages));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.pages()).isEqualTo(12);
        assertThat(text.cut()).isTrue();
        assertThat(text.text()).contains("Text of page 5 here").doesNotContain("Text of page 6 here");
    }

    @Test
    void a_pdf_longer_than_the_character_limit_is_cut_at_it() {
        DocumentReader short_ = DocumentReaders.create(DocumentLimits.builder().maxChars(60).build());
        DocumentText text = short_.read("long.pdf", pdf("First page with some words on it", "Second page words"));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.text().length()).isLessThanOrEqualTo(60);
        assertThat(text.text()).doesNotContain("Second page words");
        assertThat(text.cut()).isTrue();
    }

    @Test
    void a_scanned_pdf_without_a_text_layer_has_no_text() {
        DocumentText text = reader.read("scan.pdf", imageOnlyPdf(3));

        assertThat(text.outcome()).isEqualTo(Outcome.NO_TEXT);
        assertThat(text.kind()).isEqualTo("PDF");
        assertThat(text.text()).isEmpty();
    }

    @Test
    void a_pdf_that_opens_only_with_a_password_is_encrypted() {
        DocumentText text = reader.read("secret.pdf", encryptedPdf("Top secret plans", "user-secret"));

        assertThat(text.outcome()).isEqualTo(Outcome.ENCRYPTED);
        assertThat(text.kind()).isEqualTo("PDF");
    }

    @Test
    void a_pdf_protected_only_against_changes_is_read() {
        DocumentText text = reader.read("locked.pdf", encryptedPdf("Readable but locked", ""));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.text()).contains("Readable but locked");
    }

    @Test
    void a_pdf_header_followed_by_garbage_is_corrupt() {
        byte[] broken = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nnot a pdf at all\n"
                .getBytes(StandardCharsets.US_ASCII);

        DocumentText text = reader.read("broken.pdf", broken);

        assertThat(text.outcome()).isEqualTo(Outcome.CORRUPT);
        assertThat(text.kind()).isEqualTo("PDF");
    }

    @Test
    void a_file_named_pdf_that_holds_no_pdf_is_corrupt() {
        DocumentText text = reader.read("report.pdf", "just some words".getBytes(StandardCharsets.UTF_8));

        assertThat(text.outcome()).isEqualTo(Outcome.CORRUPT);
        assertThat(text.kind()).isEqualTo("PDF");
    }

    @Test
    void a_pdf_under_another_name_is_read_as_the_pdf_it_is() {
        DocumentText text = reader.read("download.txt", pdf("Found by its first bytes"));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.kind()).isEqualTo("PDF");
        assertThat(text.text()).contains("Found by its first bytes");
    }

    @Test
    void a_pdf_is_read_up_to_the_page_where_the_time_ran_out_and_marked_cut() {
        // the clock moves 1 ms per look and the deadline is 3 ms after the start: the looks before pages 1 and 2
        // are in time, the one before page 3 is not
        DocumentReader slow = DocumentReaders.create(DocumentLimits.builder().timeout(Duration.ofMillis(3)).build(),
                new SteppingClock(Duration.ofMillis(1)));
        String[] pages = IntStream.rangeClosed(1, 10).mapToObj(i -> "Words on page " + i).toArray(String[]::new);

        DocumentText text = slow.read("slow.pdf", pdf(pages));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.cut()).isTrue();
        assertThat(text.pages()).isEqualTo(10);
        assertThat(text.text()).contains("Words on page 2").doesNotContain("Words on page 3");
    }

    @Test
    void a_pdf_whose_time_ran_out_before_its_first_page_is_too_slow() {
        DocumentReader slow = DocumentReaders.create(DocumentLimits.builder().timeout(Duration.ofMillis(1)).build(),
                new SteppingClock(Duration.ofMillis(5)));

        DocumentText text = slow.read("slow.pdf", pdf("Never reached"));

        assertThat(text.outcome()).isEqualTo(Outcome.TOO_SLOW);
        assertThat(text.text()).isEmpty();
    }
}
