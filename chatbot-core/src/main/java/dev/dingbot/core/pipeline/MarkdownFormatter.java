package dev.dingbot.core.pipeline;

/**
 * The original bot's answer formatting for DingTalk markdown, kept exactly: outside code fences the text is
 * HTML-escaped (only when the whole answer contains a {@code <}), inside them every {@code #} is escaped so
 * DingTalk does not render comment lines as headings.
 */
final class MarkdownFormatter {

    private static final String FENCE = "```";

    private MarkdownFormatter() {
    }

    /**
     * A line starting with three backticks toggles the "in code" state before the line itself is handled, so an
     * opening fence counts as inside and a closing fence as outside. Lines are split on {@code \n} only.
     */
    public static String format(String answer) {
        boolean escapeHtml = answer.indexOf('<') >= 0;
        String[] lines = answer.split("\n", -1);
        StringBuilder out = new StringBuilder(answer.length() + 16);
        boolean inCode = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(FENCE)) {
                inCode = !inCode;
            }
            if (i > 0) {
                out.append('\n');
            }
            if (inCode) {
                out.append(line.replace("#", "\\#"));
            } else if (escapeHtml) {
                appendEscaped(out, line);
            } else {
                out.append(line);
            }
        }
        return out.toString();
    }

    /** The five replacements of Go's html.EscapeString. */
    private static void appendEscaped(StringBuilder out, String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append("&#39;");
                case '"' -> out.append("&#34;");
                default -> out.append(c);
            }
        }
    }
}
