package dev.dingbot.core.model;

import dev.dingbot.core.model.DocumentText.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DocumentTextTest {

    @Test
    void a_failure_carries_no_text_and_missing_names_become_empty() {
        DocumentText failed = DocumentText.failed(Outcome.ENCRYPTED, null, null);

        assertThat(failed.isRead()).isFalse();
        assertThat(failed.text()).isEmpty();
        assertThat(failed.fileName()).isEmpty();
        assertThat(failed.kind()).isEmpty();
        assertThat(failed.cut()).isFalse();
    }

    @Test
    void a_failure_cannot_be_made_with_the_read_outcome_nor_carry_text() {
        assertThatThrownBy(() -> DocumentText.failed(Outcome.READ, "a.txt", "文本"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DocumentText(Outcome.CORRUPT, "a.pdf", "PDF", "some text", 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_read_document_keeps_its_counts_and_whether_it_was_cut() {
        DocumentText read = DocumentText.read("t.xlsx", "Excel", "## Sheet1\na\tb", 0, 2, true);

        assertThat(read.isRead()).isTrue();
        assertThat(read.sheets()).isEqualTo(2);
        assertThat(read.pages()).isZero();
        assertThat(read.cut()).isTrue();
    }
}
