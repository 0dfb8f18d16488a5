package dev.dingbot.core.pipeline;

/**
 * A name the bot echoes (a nick, a group title) as plain words inside a markdown reply: the characters that
 * would make a link, an image, emphasis, a heading, a quote or code are replaced by their full-width twins, and
 * line breaks by spaces. DingTalk's markdown has no reliable escape, and the name stays readable this way.
 */
final class MarkdownText {

    private static final String MARKUP = "[]()!*_#>`<|~\\";
    private static final String FULL_WIDTH = "［］（）！＊＿＃＞｀＜｜～＼";

    private MarkdownText() {
    }

    public static String plain(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            int markup = MARKUP.indexOf(c);
            if (markup >= 0) {
                out.append(FULL_WIDTH.charAt(markup));
            } else if (c == '\n' || c == '\r') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
