package dev.dingbot.core.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Hides credentials in what is printed, logged or shown in a chat: URL userinfo ({@code user:password@}), the
 * secrets the caller knows (API keys, tokens), and what looks like one wherever it came from (an
 * {@code Authorization} value, an OpenAI-style {@code sk-} key). Each becomes {@value #MASK}.
 */
public final class Redaction {

    public static final String MASK = "***";

    private static final Pattern USER_INFO_IN_TEXT = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^\\s/?#@]*@");
    private static final Pattern AUTHORIZATION = Pattern.compile("(?i)\\bbearer\\s+[\\w~+/=-]+(?:\\.[\\w~+/=-]+)*|\\bbasic\\s+[A-Za-z0-9+/]{8,}={0,2}");
    private static final Pattern SK_KEY = Pattern.compile("\\bsk-[A-Za-z0-9_-]{8,}");

    private Redaction() {
    }

    /**
     * One URL (a configured value, possibly malformed) with everything between its scheme and the last {@code @}
     * before its query masked; a value without a scheme is masked from its start.
     */
    public static String userInfo(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = url.length();
        for (char stop : new char[] {'?', '#'}) {
            int i = url.indexOf(stop, start);
            if (i >= 0) end = Math.min(end, i);
        }
        int at = url.lastIndexOf('@', end - 1);
        return at < start ? url : url.substring(0, start) + MASK + url.substring(at);
    }

    /** Free text (a provider's error message, an exception's) with the known secrets and credential look-alikes masked. */
    public static String secrets(String text, Collection<String> known) {
        String out = text;
        // Longest first, so that a secret containing another is masked whole.
        for (String secret : known.stream().filter(s -> s != null && !s.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(secret, MASK);
        }
        out = AUTHORIZATION.matcher(out).replaceAll(MASK);
        out = SK_KEY.matcher(out).replaceAll(MASK);
        return USER_INFO_IN_TEXT.matcher(out).replaceAll("$1" + MASK + "@");
    }
}
