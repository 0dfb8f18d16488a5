package dev.dingbot.documents;

/** What a file's first bytes say it is, whatever its name says. */
enum Signature {
    PDF,
    /** A zip archive: Word, Excel and PowerPoint files (OOXML) are zips, and so are plain archives. */
    ZIP,
    /** Microsoft's compound file: the old .doc / .xls / .ppt, and OOXML files encrypted with a password. */
    OLE2,
    NONE;

    private static final byte[] PDF_MARK = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] ZIP_ENTRY = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final byte[] OLE2_MARK = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
            0x1A, (byte) 0xE1};
    /** Readers accept a PDF header anywhere in the first kilobyte. */
    private static final int PDF_HEADER_WITHIN = 1024;

    static Signature of(byte[] content) {
        if (startsWith(content, 0, ZIP_ENTRY) || startsWith(content, 0, ZIP_EMPTY)) return ZIP;
        if (startsWith(content, 0, OLE2_MARK)) return OLE2;
        for (int at = 0; at < Math.min(content.length, PDF_HEADER_WITHIN); at++) {
            if (startsWith(content, at, PDF_MARK)) return PDF;
        }
        return NONE;
    }

    private static boolean startsWith(byte[] content, int at, byte[] mark) {
        if (content.length - at < mark.length) return false;
        for (int i = 0; i < mark.length; i++) {
            if (content[at + i] != mark[i]) return false;
        }
        return true;
    }
}
