package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFSDT;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import java.io.IOException;
import java.util.stream.Collectors;

/** Word: the body's paragraphs and tables in order, a table row as one line of tab-separated cells. */
final class DocxExtractor {

    private DocxExtractor() {
    }

    static DocumentText extract(FileName name, OPCPackage pkg, TextCollector collector) throws IOException {
        XWPFDocument document = new XWPFDocument(pkg);
        for (IBodyElement element : document.getBodyElements()) {
            if (collector.mustStop()) break;
            if (element instanceof XWPFParagraph paragraph) {
                appendNonBlank(collector, paragraph.getText());
            } else if (element instanceof XWPFTable table) {
                appendTable(collector, table);
            } else if (element instanceof XWPFSDT control) {
                appendNonBlank(collector, control.getContent().getText());
            }
        }
        return collector.result(name.value(), DocumentFamily.WORD.kind, 0, 0);
    }

    private static void appendTable(TextCollector collector, XWPFTable table) {
        for (XWPFTableRow row : table.getRows()) {
            if (collector.mustStop()) return;
            appendNonBlank(collector, row.getTableCells().stream().map(XWPFTableCell::getText)
                    .map(Cells::oneLine).collect(Collectors.joining("\t")));
        }
    }

    private static void appendNonBlank(TextCollector collector, String text) {
        if (!text.isBlank()) collector.appendLine(text);
    }
}
