package dev.dingbot.core.text;

/**
 * User data as it may stand in a log line: line breaks and other control characters are written as escapes, so
 * a nick or a title cannot start a forged line of its own.
 */
public final class LogText {

    private LogText() {
    }

    public static String safe(String userData) {
        StringBuilder out = null;
        for (int i = 0; i < userData.length(); i++) {
            char c = userData.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(userData.length() + 8).append(userData, 0, i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out == null ? userData : out.toString();
    }
}
