package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import dev.dingbot.core.port.DocumentReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dingbot.testkit.documents.DocumentFixtures.docx;
import static dev.dingbot.testkit.documents.DocumentFixtures.encryptedOoxml;
import static dev.dingbot.testkit.documents.DocumentFixtures.oldBinaryOffice;
import static dev.dingbot.testkit.documents.DocumentFixtures.pptx;
import static dev.dingbot.testkit.documents.DocumentFixtures.sheets;
import static dev.dingbot.testkit.documents.DocumentFixtures.truncated;
import static dev.dingbot.testkit.documents.DocumentFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;

class OfficeReadingTest {

    private final DocumentReader reader = DocumentReaders.create(DocumentLimits.defaults());

    @Test
    void a_word_file_gives_its_paragraphs_and_its_table_rows_as_tab_separated_lines() {
        byte[] file = docx(List.of("季度报告", "Sales were strong."),
                List.of(List.of("地区", "销售额"), List.of("华东", "120")));

        DocumentText text = reader.read("report.docx", file);

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.kind()).isEqualTo("Word");
        assertThat(text.pages()).isZero();
        assertThat(text.text()).containsSubsequence("季度报告\n", "Sales were strong.\n", "地区\t销售额\n", "华东\t120");
    }

    @Test
    void an_excel_file_gives_each_sheet_under_its_name_with_rows_as_tab_separated_lines() {
        byte[] file = xlsx(sheets(
                "销售", List.of(List.of("月份", "金额"), List.of("一月", "1500"), List.of("二月", "", "备注")),
                "Empty", List.of(),
                "Costs", List.of(List.of("rent", "800"))));

        DocumentText text = reader.read("book.xlsx", file);

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.kind()).isEqualTo("Excel");
        assertThat(text.sheets()).isEqualTo(3);
        assertThat(text.text()).isEqualTo("## 销售\n月份\t金额\n一月\t1500\n二月\t\t备注\n## Costs\nrent\t800");
    }

    @Test
    void a_workbook_whose_sheets_are_all_empty_has_no_text() {
        DocumentText text = reader.read("empty.xlsx", xlsx(sheets("Sheet1", List.of(), "Sheet2", List.of())));

        assertThat(text.outcome()).isEqualTo(Outcome.NO_TEXT);
        assertThat(text.kind()).isEqualTo("Excel");
    }

    @Test
    void a_powerpoint_file_gives_each_slide_under_its_number_and_counts_slides_as_pages() {
        DocumentText text = reader.read("deck.pptx", pptx("产品路线图", "Q3: launch", "谢谢"));

        assertThat(text.outcome()).isEqualTo(Outcome.READ);
        assertThat(text.kind()).isEqualTo("PowerPoint");
        assertThat(text.pages()).isEqualTo(3);
        assertThat(text.text()).containsSubsequence("## 幻灯片 1", "产品路线图", "## 幻灯片 2", "Q3: launch",
                "## 幻灯片 3", "谢谢");
    }

    @Test
    void slides_past_the_page_limit_are_left_out_and_the_text_marked_cut() {
        DocumentReader twoPages = DocumentReaders.create(DocumentLimits.builder().maxPages(2).build());

        DocumentText text = twoPages.read("deck.pptx", pptx("one", "two", "three"));

        assertThat(text.pages()).isEqualTo(3);
        assertThat(text.cut()).isTrue();
        assertThat(text.text()).contains("two").doesNotContain("three");
    }

    @Test
    void an_office_file_is_known_by_its_content_whatever_its_name() {
        DocumentText word = reader.read("upload.bin", docx(List.of("named oddly"), List.of()));
        DocumentText slides = reader.read(null, pptx("no name at all"));

        assertThat(word.outcome()).isEqualTo(Outcome.READ);
        assertThat(word.kind()).isEqualTo("Word");
        assertThat(slides.outcome()).isEqualTo(Outcome.READ);
        assertThat(slides.kind()).isEqualTo("PowerPoint");
    }

    @Test
    void a_word_file_cut_off_midway_is_corrupt() {
        byte[] file = docx(List.of("A paragraph long enough to matter. ".repeat(200)), List.of());

        DocumentText text = reader.read("cut.docx", truncated(file, 0.6));

        assertThat(text.outcome()).isEqualTo(Outcome.CORRUPT);
        assertThat(text.kind()).isEqualTo("Word");
    }

    @Test
    void an_office_file_protected_by_a_password_is_encrypted() {
        DocumentText word = reader.read("secret.docx", encryptedOoxml(docx(List.of("hidden"), List.of()), "pw"));
        DocumentText unnamed = reader.read("secret", encryptedOoxml(xlsx(sheets("S", List.of(List.of("x")))), "pw"));

        assertThat(word.outcome()).isEqualTo(Outcome.ENCRYPTED);
        assertThat(word.kind()).isEqualTo("Word");
        assertThat(unnamed.outcome()).isEqualTo(Outcome.ENCRYPTED);
        assertThat(unnamed.kind()).isEqualTo("Office");
    }

    @Test
    void the_old_binary_office_formats_are_unsupported_types_named_as_such() {
        assertThat(reader.read("old.doc", oldBinaryOffice("WordDocument")))
                .extracting(DocumentText::outcome, DocumentText::kind)
                .containsExactly(Outcome.UNSUPPORTED_TYPE, "Word 97-2003");
        assertThat(reader.read("old.xls", oldBinaryOffice("Workbook")).kind()).isEqualTo("Excel 97-2003");
        assertThat(reader.read("old.ppt", oldBinaryOffice("PowerPoint Document")).kind())
                .isEqualTo("PowerPoint 97-2003");
    }

    @Test
    void a_zip_that_is_no_office_file_is_corrupt_under_an_office_name_and_unsupported_under_another() {
        byte[] zip = xlsxWithoutContentTypes();

        assertThat(reader.read("table.xlsx", zip).outcome()).isEqualTo(Outcome.CORRUPT);
        assertThat(reader.read("table.xlsx", zip).kind()).isEqualTo("Excel");
        assertThat(reader.read("archive.zip", zip).outcome()).isEqualTo(Outcome.UNSUPPORTED_TYPE);
        assertThat(reader.read("archive.zip", zip).kind()).isEqualTo("ZIP");
    }

    /** The parts of an Excel file without [Content_Types].xml: a zip, but no OOXML package. */
    private static byte[] xlsxWithoutContentTypes() {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(
                xlsx(sheets("S", List.of(List.of("x"))))));
             var bytes = new java.io.ByteArrayOutputStream();
             var out = new java.util.zip.ZipOutputStream(bytes)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("[Content_Types].xml")) continue;
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
