package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Excel: each sheet under a heading with its name, a row as one line of tab-separated cells, values as Excel shows
 * them (cached formula results). Sheets are parsed as a stream of XML events, never as a workbook in memory, so a
 * sheet of a million rows costs what its first {@code maxCells} cells cost.
 */
final class XlsxExtractor {

    private XlsxExtractor() {
    }

    static DocumentText extract(FileName name, OPCPackage pkg, int maxCells, TextCollector collector)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg);
        SharedStrings strings = new ReadOnlySharedStringsTable(pkg, false);
        StylesTable styles = reader.getStylesTable();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        SheetRows rows = new SheetRows(collector, maxCells);
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        int count = 0;
        boolean stopped = false;
        while (sheets.hasNext()) {
            try (InputStream sheet = sheets.next()) {
                count++;
                if (stopped) continue; // counted, not read
                stopped = collector.mustStop() || !rows.read(sheets.getSheetName(), sheet,
                        new XSSFSheetXMLHandler(styles, strings, rows, formatter, false));
            }
        }
        return collector.result(name.value(), DocumentFamily.EXCEL.kind, 0, count);
    }

    /** Thrown from inside the XML parse to end it: a limit was reached. */
    private static final class LimitReached extends RuntimeException {
        LimitReached() {
            super("limit reached", null, false, false);
        }
    }

    /** Lines of one sheet after another, counting cells over all of them. */
    private static final class SheetRows implements SheetContentsHandler {
        private final TextCollector collector;
        private final int maxCells;
        private final StringBuilder row = new StringBuilder();
        private int cells;
        private int lastColumn;
        private String heading;

        SheetRows(TextCollector collector, int maxCells) {
            this.collector = collector;
            this.maxCells = maxCells;
        }

        /** Reads one sheet; false when a limit stopped it. */
        boolean read(String sheetName, InputStream sheet, XSSFSheetXMLHandler handler)
                throws IOException, SAXException, ParserConfigurationException {
            heading = "## " + sheetName;
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(handler);
            try {
                parser.parse(new InputSource(sheet));
                return true;
            } catch (LimitReached e) {
                return false;
            }
        }

        @Override
        public void startRow(int rowNum) {
            if (collector.mustStop()) throw new LimitReached();
            row.setLength(0);
            lastColumn = -1;
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if (formattedValue == null || formattedValue.isBlank()) return;
            if (cells == maxCells) {
                endRow(-1);
                collector.markCut();
                throw new LimitReached();
            }
            cells++;
            int column = cellReference == null ? lastColumn + 1 : new CellReference(cellReference).getCol();
            int tabs = lastColumn < 0 ? column : Math.max(column - lastColumn, 1);
            row.append("\t".repeat(tabs)).append(Cells.oneLine(formattedValue));
            lastColumn = Math.max(column, lastColumn + 1);
        }

        @Override
        public void endRow(int rowNum) {
            if (row.isEmpty()) return;
            if (heading != null) {
                collector.appendLine(heading);
                heading = null;
            }
            collector.appendLine(row);
            row.setLength(0);
        }
    }
}
