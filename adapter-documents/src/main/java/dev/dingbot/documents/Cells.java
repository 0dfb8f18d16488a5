package dev.dingbot.documents;

import java.util.regex.Pattern;

/** Table cells as parts of a tab-separated line. */
final class Cells {

    private static final Pattern SEPARATORS = Pattern.compile("[\t\r\n]+");

    private Cells() {
    }

    /** The cell's text with its tabs and line breaks as spaces, so that a row stays one line. */
    static String oneLine(String cell) {
        return SEPARATORS.matcher(cell).replaceAll(" ").strip();
    }
}
