package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

/** PowerPoint: each slide's texts (text boxes, groups, tables) under a heading with its number, up to the page limit. */
final class PptxExtractor {

    private PptxExtractor() {
    }

    static DocumentText extract(FileName name, OPCPackage pkg, int maxPages, TextCollector collector)
            throws IOException {
        List<XSLFSlide> slides = new XMLSlideShow(pkg).getSlides();
        for (int i = 0; i < Math.min(slides.size(), maxPages); i++) {
            if (collector.mustStop()) break;
            StringBuilder text = new StringBuilder();
            appendShapes(text, slides.get(i).getShapes());
            if (!text.toString().isBlank()) {
                collector.appendLine("## 幻灯片 " + (i + 1));
                collector.append(text);
            }
        }
        if (slides.size() > maxPages) collector.markCut();
        return collector.result(name.value(), DocumentFamily.POWERPOINT.kind, slides.size(), 0);
    }

    private static void appendShapes(StringBuilder text, List<XSLFShape> shapes) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFGroupShape group) {
                appendShapes(text, group.getShapes());
            } else if (shape instanceof XSLFTable table) {
                for (XSLFTableRow row : table.getRows()) {
                    appendNonBlank(text, row.getCells().stream().map(XSLFTableCell::getText).map(Cells::oneLine)
                            .collect(Collectors.joining("\t")));
                }
            } else if (shape instanceof XSLFTextShape box) {
                appendNonBlank(text, box.getText());
            }
        }
    }

    private static void appendNonBlank(StringBuilder text, String part) {
        if (!part.isBlank()) text.append(part.strip()).append('\n');
    }
}
