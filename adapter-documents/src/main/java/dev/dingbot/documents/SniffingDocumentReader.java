package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import dev.dingbot.core.port.DocumentReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Reads a file as what its first bytes say it is (PDF, a zip such as an OOXML file, a compound file), and as
 * what its name says where the bytes have no signature (text; a PDF or Office name on other bytes is a broken
 * file). Every failure becomes a value; nothing of the file's content is logged.
 */
final class SniffingDocumentReader implements DocumentReader {

    private static final Logger LOG = LoggerFactory.getLogger(SniffingDocumentReader.class);

    private final DocumentLimits limits;
    private final LongSupplier nanoTime;

    SniffingDocumentReader(DocumentLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    @Override
    public DocumentText read(String fileName, byte[] content) {
        FileName name = FileName.of(fileName);
        byte[] bytes = content == null ? new byte[0] : content;
        DocumentText text = readBytes(name, bytes);
        if (LOG.isDebugEnabled()) {
            LOG.debug("document of {} bytes, {}: {}, {} chars{}", bytes.length, text.kind(), text.outcome(),
                    text.text().length(), text.cut() ? ", cut" : "");
        }
        return text;
    }

    private DocumentText readBytes(FileName name, byte[] bytes) {
        TextCollector collector = new TextCollector(limits.maxChars(), Deadline.after(limits.timeout(), nanoTime));
        Signature signature = Signature.of(bytes);
        try {
            return switch (signature) {
                case PDF -> PdfExtractor.extract(name, bytes, limits.maxPages(), collector);
                case ZIP -> OfficeReader.read(name, bytes, limits, collector);
                case OLE2 -> Ole2Reader.read(name, bytes);
                case NONE -> byName(name, bytes, collector);
            };
        } catch (IOException | RuntimeException e) {
            return DocumentText.failed(Outcome.CORRUPT, name.value(), brokenKind(signature, name));
        }
    }

    private DocumentText byName(FileName name, byte[] bytes, TextCollector collector) {
        Optional<DocumentFamily> claimed = name.claimedFamily();
        if (claimed.isEmpty()) return DocumentText.failed(Outcome.UNSUPPORTED_TYPE, name.value(), name.label());
        if (claimed.get() == DocumentFamily.TEXT) return PlainTextExtractor.extract(name, bytes, limits.maxChars(), collector);
        return DocumentText.failed(Outcome.CORRUPT, name.value(), claimed.get().kind);
    }

    private static String brokenKind(Signature signature, FileName name) {
        if (signature == Signature.PDF) return DocumentFamily.PDF.kind;
        return name.claimedFamily().filter(family -> family != DocumentFamily.TEXT).map(family -> family.kind)
                .orElse(name.label());
    }
}
