package dev.dingbot.documents;

import dev.dingbot.core.port.DocumentReader;

import java.util.function.LongSupplier;

/**
 * The {@link DocumentReader} for files users send: PDF (PDFBox), Word, Excel and PowerPoint in their OOXML
 * formats (POI; Excel read as a stream), and plain text in UTF-8, UTF-16 with a byte-order mark, or GB18030/GBK.
 */
public final class DocumentReaders {

    private DocumentReaders() {
    }

    /**
     * A reader within {@code limits}. Before each Office file it sets POI's zip-bomb limits, which are JVM-wide (a
     * part may inflate to {@link DocumentLimits#maxInflatedBytes()}, and at most a hundredfold): create one reader
     * per app.
     */
    public static DocumentReader create(DocumentLimits limits) {
        return create(limits, System::nanoTime);
    }

    /** On a nanosecond clock of the caller's: tests move it by hand to reach the time limit. */
    static DocumentReader create(DocumentLimits limits, LongSupplier nanoTime) {
        return new SniffingDocumentReader(limits, nanoTime);
    }
}
