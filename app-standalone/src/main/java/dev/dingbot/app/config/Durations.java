package dev.dingbot.app.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way operators write them: plain seconds ({@code 600}), Go style ({@code 600s}, {@code 10m},
 * {@code 1h30m}, {@code 500ms}) or ISO-8601 ({@code PT10M}).
 */
public final class Durations {

    private static final Pattern SECONDS = Pattern.compile("\\d+");
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Pattern GO_WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+");

    private Durations() {
    }

    /** Empty when the text is not a duration; negative values are not durations here. */
    public static Optional<Duration> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (SECONDS.matcher(t).matches()) {
            return t.length() > 12 ? Optional.empty() : Optional.of(Duration.ofSeconds(Long.parseLong(t)));
        }
        if (t.startsWith("pt") || t.startsWith("p")) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.isNegative() ? Optional.empty() : Optional.of(d);
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        if (!GO_WHOLE.matcher(t).matches()) return Optional.empty();
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = GO_PART.matcher(t);
        while (m.find()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            long unit = switch (m.group(2)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                default -> 1_000_000L;
            };
            nanos = nanos.add(amount.multiply(BigDecimal.valueOf(unit)));
        }
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) return Optional.empty();
        return Optional.of(Duration.ofNanos(nanos.longValue()));
    }

    /** Go-style text, e.g. {@code 10m}, {@code 1h30m}, {@code 500ms}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        if (d.toMillisPart() != 0) return d.toMillis() + "ms";
        StringBuilder sb = new StringBuilder();
        if (d.toHours() > 0) sb.append(d.toHours()).append('h');
        if (d.toMinutesPart() > 0) sb.append(d.toMinutesPart()).append('m');
        if (d.toSecondsPart() > 0) sb.append(d.toSecondsPart()).append('s');
        return sb.toString();
    }
}
