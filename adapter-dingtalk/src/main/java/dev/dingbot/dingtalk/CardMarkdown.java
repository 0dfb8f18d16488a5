package dev.dingbot.dingtalk;

import java.util.regex.Pattern;

/**
 * Card markdown renders a lone {@code \n} as nothing. Outside fenced code, a lone line break becomes
 * {@code <br>}; blank lines stay; breaks before list, table, heading and quote lines, and after table and heading lines, stay; a table
 * gets a blank line before it. Code blocks are left exactly as they are.
 */
final class CardMarkdown {
    private static final Pattern BLOCK_LINE = Pattern.compile("^\\s*(?:[-*+]\\s|\\d+[.)]\\s|#|>|\\|).*");
    /** A {@code <br>} after these would land inside a table row or a heading. */
    private static final Pattern ENDS_AT_LINE_END = Pattern.compile("^\\s*(?:#|\\|).*");
    private static final Pattern TABLE_LINE = Pattern.compile("^\\s*\\|.*");
    private static final Pattern FENCE = Pattern.compile("^\\s*(?:```|~~~).*");

    private CardMarkdown() {
    }

    static String normalise(String markdown) {
        String[] lines = markdown.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder(markdown.length() + 16);
        boolean inCode = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) out.append(joint(lines[i - 1], line, inCode));
            out.append(line);
            if (FENCE.matcher(line).matches()) inCode = !inCode;
        }
        return out.toString();
    }

    /** What goes between two lines; {@code inCode} tells whether {@code previous} is inside (or opens) a fence. */
    private static String joint(String previous, String next, boolean inCode) {
        if (inCode || FENCE.matcher(next).matches() || FENCE.matcher(previous).matches()) return "\n";
        if (previous.isBlank() || next.isBlank()) return "\n";
        if (TABLE_LINE.matcher(next).matches() && !TABLE_LINE.matcher(previous).matches()) return "\n\n";
        if (BLOCK_LINE.matcher(next).matches() || ENDS_AT_LINE_END.matcher(previous).matches()) return "\n";
        return "<br>";
    }
}
