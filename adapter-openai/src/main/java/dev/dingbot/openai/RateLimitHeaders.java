package dev.dingbot.openai;

import dev.dingbot.modelhttp.Retrier;

import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The wait an OpenAI-compatible server asks for, where it may also say it only in its rate-limit reset headers. */
final class RateLimitHeaders {

    private static final Pattern GO_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+(?:\\.\\d+)?)s)?(?:(\\d+)ms)?");

    private RateLimitHeaders() {
    }

    /**
     * retry-after-ms, else Retry-After as seconds or an HTTP date, else the smaller of OpenAI's
     * x-ratelimit-reset-requests/-tokens; null if none. {@code headers} looks one up by name, as
     * {@link Retrier#retryAfter} takes it.
     */
    static Duration retryAfter(Function<String, String> headers) {
        if (Retrier.asksToWait(headers)) return Retrier.retryAfter(headers);
        return smallerReset(headers.apply("x-ratelimit-reset-requests"), headers.apply("x-ratelimit-reset-tokens"));
    }

    private static Duration smallerReset(String requests, String tokens) {
        Duration a = goDuration(requests);
        Duration b = goDuration(tokens);
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Go-style durations as OpenAI writes them: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1m30.5s}. */
    static Duration goDuration(String value) {
        if (value == null || value.isBlank()) return null;
        Matcher m = GO_DURATION.matcher(value.trim());
        if (!m.matches()) return null;
        double millis = 0;
        if (m.group(1) != null) millis += Long.parseLong(m.group(1)) * 3_600_000d;
        if (m.group(2) != null) millis += Long.parseLong(m.group(2)) * 60_000d;
        if (m.group(3) != null) millis += Double.parseDouble(m.group(3)) * 1000d;
        if (m.group(4) != null) millis += Long.parseLong(m.group(4));
        return Duration.ofMillis((long) millis);
    }
}
