package dev.dingbot.app.http;

import java.util.regex.Pattern;

/**
 * Renders the Markdown of a conversation log as HTML: headings, paragraphs, fenced code, rules, quotes, bold and
 * inline code. Everything is escaped first and no markup from the text survives, so model output cannot inject
 * HTML, scripts or links.
 */
final class MarkdownHtml {

    private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private MarkdownHtml() {
    }

    static String render(String markdown) {
        StringBuilder out = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        StringBuilder code = null;
        for (String line : markdown.replace("\r\n", "\n").split("\n", -1)) {
            if (code != null) {
                if (line.strip().startsWith("```")) {
                    out.append("<pre><code>").append(escape(code.toString())).append("</code></pre>\n");
                    code = null;
                } else {
                    code.append(line).append('\n');
                }
                continue;
            }
            String t = line.strip();
            var heading = HEADING.matcher(t);
            if (t.startsWith("```")) {
                flush(out, paragraph);
                code = new StringBuilder();
            } else if (t.isEmpty()) {
                flush(out, paragraph);
            } else if (heading.matches()) {
                flush(out, paragraph);
                int level = heading.group(1).length();
                out.append("<h").append(level).append('>').append(inline(heading.group(2))).append("</h")
                        .append(level).append(">\n");
            } else if (t.matches("-{3,}|\\*{3,}")) {
                flush(out, paragraph);
                out.append("<hr>\n");
            } else if (t.startsWith(">")) {
                flush(out, paragraph);
                out.append("<blockquote>").append(inline(t.substring(1).strip())).append("</blockquote>\n");
            } else {
                if (!paragraph.isEmpty()) paragraph.append("<br>\n");
                paragraph.append(inline(line));
            }
        }
        if (code != null) out.append("<pre><code>").append(escape(code.toString())).append("</code></pre>\n");
        flush(out, paragraph);
        return out.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String inline(String text) {
        String html = escape(text);
        html = CODE.matcher(html).replaceAll("<code>$1</code>");
        return BOLD.matcher(html).replaceAll("<strong>$1</strong>");
    }

    private static void flush(StringBuilder out, StringBuilder paragraph) {
        if (paragraph.isEmpty()) return;
        out.append("<p>").append(paragraph).append("</p>\n");
        paragraph.setLength(0);
    }
}
