package dev.dingbot.documents;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A file's name as it came, and what its extension claims the file is. */
record FileName(String value, String extension) {

    private static final Set<String> TEXT_EXTENSIONS = Set.of("txt", "md", "markdown", "csv", "tsv", "json", "log",
            "xml", "yaml", "yml", "ini", "conf", "properties", "sql", "sh", "py", "java", "go", "js", "ts", "c", "cpp",
            "h", "rs", "rb", "php", "kt", "html", "htm", "css");

    static FileName of(String raw) {
        String value = raw == null ? "" : raw;
        String base = value.substring(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1).strip();
        int dot = base.lastIndexOf('.');
        // ".bashrc" has no extension; "a." has an empty one
        String extension = dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
        return new FileName(value, extension);
    }

    /** The family the extension names; a name without an extension may be text. */
    Optional<DocumentFamily> claimedFamily() {
        return switch (extension) {
            case "pdf" -> Optional.of(DocumentFamily.PDF);
            case "docx", "docm", "dotx" -> Optional.of(DocumentFamily.WORD);
            case "xlsx", "xlsm", "xltx" -> Optional.of(DocumentFamily.EXCEL);
            case "pptx", "pptm", "ppsx", "potx" -> Optional.of(DocumentFamily.POWERPOINT);
            case "" -> Optional.of(DocumentFamily.TEXT);
            default -> TEXT_EXTENSIONS.contains(extension) ? Optional.of(DocumentFamily.TEXT) : Optional.empty();
        };
    }

    /** What to call a file of no family the reader knows: its extension ("ZIP", "EXE"), or just "文件". */
    String label() {
        return extension.isEmpty() ? "文件" : extension.toUpperCase(Locale.ROOT);
    }
}
