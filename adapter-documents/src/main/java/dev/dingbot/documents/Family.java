package dev.dingbot.documents;

/** The kinds of file the reader reads, each with the word the user sees for it. */
enum Family {
    PDF("PDF"),
    WORD("Word"),
    EXCEL("Excel"),
    POWERPOINT("PowerPoint"),
    TEXT("文本");

    final String kind;

    Family(String kind) {
        this.kind = kind;
    }

    boolean isOffice() {
        return this == WORD || this == EXCEL || this == POWERPOINT;
    }
}
