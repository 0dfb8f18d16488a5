package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Microsoft compound files: a Word, Excel or PowerPoint file protected by a password (OOXML encrypted into an
 * {@code EncryptedPackage} stream), or one of the old binary formats, which are not read.
 */
final class Ole2Reader {

    private Ole2Reader() {
    }

    static DocumentText read(FileName name, byte[] content) throws IOException {
        try (POIFSFileSystem container = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            DirectoryNode root = container.getRoot();
            if (root.hasEntryCaseInsensitive("EncryptedPackage")) {
                String kind = name.claimedFamily().filter(DocumentFamily::isOffice).map(f -> f.kind).orElse("Office");
                return DocumentText.failed(Outcome.ENCRYPTED, name.value(), kind);
            }
            return DocumentText.failed(Outcome.UNSUPPORTED_TYPE, name.value(), oldFormat(root, name));
        }
    }

    private static String oldFormat(DirectoryNode root, FileName name) {
        if (root.hasEntryCaseInsensitive("WordDocument")) return "Word 97-2003";
        if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) return "Excel 97-2003";
        if (root.hasEntryCaseInsensitive("PowerPoint Document")) return "PowerPoint 97-2003";
        return name.label();
    }
}
