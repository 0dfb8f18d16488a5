package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.xml.sax.SAXException;

import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Zip files: Word, Excel and PowerPoint (OOXML) told apart by the content type of their main part, whatever
 * their name; any other zip is not a document. The package is opened from a scratch file so that POI inflates
 * parts as it reads them, each within the zip-bomb limits.
 */
final class OfficeReader {

    /** POI's own default: a part that inflates more than a hundredfold is a zip bomb. */
    private static final double MIN_INFLATE_RATIO = 0.01;

    private OfficeReader() {
    }

    static DocumentText read(FileName name, byte[] content, DocumentLimits limits, TextCollector collector)
            throws IOException {
        limitInflation(limits.maxInflatedBytes());
        Path scratch = Files.createTempFile("dingbot-document-", ".zip");
        try {
            Files.write(scratch, content);
            if (!hasDirectory(scratch)) return notADocument(name);
            OPCPackage pkg;
            try {
                pkg = OPCPackage.open(scratch.toFile(), PackageAccess.READ);
            } catch (InvalidFormatException | NotOfficeXmlFileException e) {
                return notADocument(name);
            }
            try {
                Optional<DocumentFamily> family = familyOf(pkg);
                if (family.isEmpty()) return notADocument(name);
                return extract(family.get(), name, pkg, limits, collector);
            } finally {
                pkg.revert(); // closes a package opened to read without trying to save it
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /**
     * POI keeps its zip-bomb limits in static fields, for the whole JVM: they are set before each package is opened
     * rather than when the reader is created, so that none of POI (nor the logging and zip libraries it brings)
     * loads at the start of a bot that is never sent an Office file. Readers with different limits in one JVM
     * reading at the same moment may see each other's.
     */
    private static void limitInflation(long maxInflatedBytes) {
        ZipSecureFile.setMaxEntrySize(maxInflatedBytes);
        ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    }

    private static DocumentText extract(DocumentFamily family, FileName name, OPCPackage pkg, DocumentLimits limits,
                                        TextCollector collector) throws IOException {
        try {
            return switch (family) {
                case WORD -> DocxExtractor.extract(name, pkg, collector);
                case EXCEL -> XlsxExtractor.extract(name, pkg, limits.maxCells(), collector);
                case POWERPOINT -> PptxExtractor.extract(name, pkg, limits.maxPages(), collector);
                default -> throw new IllegalStateException("not an Office family: " + family);
            };
        } catch (IOException | RuntimeException | OpenXML4JException | SAXException | ParserConfigurationException e) {
            return DocumentText.failed(Outcome.CORRUPT, name.value(), family.kind);
        }
    }

    /**
     * Whether the zip ends in its directory of entries, as a whole file does; POI would read one that does not
     * (a download cut short) as a stream of entries instead, into memory.
     */
    private static boolean hasDirectory(Path zip) {
        try (ZipFile entries = new ZipFile(zip.toFile())) {
            return entries.size() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A zip that is no Word, Excel or PowerPoint file: broken if its name says it is one, else not a document. */
    private static DocumentText notADocument(FileName name) {
        Optional<DocumentFamily> claimed = name.claimedFamily().filter(DocumentFamily::isOffice);
        return claimed.map(family -> DocumentText.failed(Outcome.CORRUPT, name.value(), family.kind))
                .orElseGet(() -> DocumentText.failed(Outcome.UNSUPPORTED_TYPE, name.value(), name.label()));
    }

    /** From the content type of the package's main part; empty when it has none. */
    private static Optional<DocumentFamily> familyOf(OPCPackage pkg) {
        for (PackageRelationship main : pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT)) {
            PackagePart part = pkg.getPart(main);
            if (part == null) continue;
            String type = part.getContentType().toLowerCase(Locale.ROOT);
            if (type.contains("wordprocessingml") || type.contains("ms-word")) return Optional.of(DocumentFamily.WORD);
            if (type.contains("spreadsheetml") || type.contains("ms-excel.sheet.macroenabled")) {
                return Optional.of(DocumentFamily.EXCEL);
            }
            if (type.contains("presentationml") || type.contains("ms-powerpoint")) return Optional.of(DocumentFamily.POWERPOINT);
        }
        return Optional.empty();
    }
}
