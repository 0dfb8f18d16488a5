package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache.StreamCacheCreateFunction;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;

/** PDF: the text layer, page by page, each under a heading with its number, up to the page limit. */
final class PdfExtractor {

    /**
     * What PDFBox keeps of decoded streams: in memory up to this, in a scratch file beyond, so that a large PDF
     * does not fill the heap. The file's own bytes are read in place.
     */
    private static final StreamCacheCreateFunction SCRATCH = MemoryUsageSetting.setupMixed(8L * 1024 * 1024).streamCache;

    private PdfExtractor() {
    }

    static DocumentText extract(FileName name, byte[] content, int maxPages, TextCollector collector)
            throws IOException {
        try (PDDocument pdf = Loader.loadPDF(new RandomAccessReadBuffer(content), "", SCRATCH)) {
            int pages = pdf.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= Math.min(pages, maxPages); page++) {
                if (collector.mustStop()) break;
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf).strip();
                if (!text.isEmpty()) {
                    collector.appendLine("## 第 " + page + " 页");
                    collector.appendLine(text);
                }
            }
            if (pages > maxPages) collector.markCut();
            return collector.result(name.value(), DocumentFamily.PDF.kind, pages, 0);
        } catch (InvalidPasswordException e) {
            return DocumentText.failed(Outcome.ENCRYPTED, name.value(), DocumentFamily.PDF.kind);
        }
    }
}
