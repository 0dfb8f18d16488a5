package dev.dingbot.documents;

/** The kinds of file the reader reads, each with the word the user sees for it. */
enum DocumentFamily {
    PDF("PDF"),
    WORD("Word"),
    EXCEL("Excel"),
    POWERPOINT("PowerPoint"),
    TEXT("文本");

    final String kind;

    DocumentFamily(String kind) {
        this.kind = kind;
    }

    boolean isOffice() {
        return this == WORD || this == EXCEL || this == POWERPOINT;
    }
}
