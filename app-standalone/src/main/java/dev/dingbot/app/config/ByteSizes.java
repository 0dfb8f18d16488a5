package dev.dingbot.app.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes the way operators write them: bytes ({@code 1048576}) or with a unit ({@code 20MB}, {@code 512KB}, {@code 1GiB}). */
final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})\\s*(b|kb|kib|k|mb|mib|m|gb|gib|g)?");

    private ByteSizes() {
    }

    /** The size in bytes (units are powers of 1024), null when the text is not a size. */
    static Long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) return null;
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        return amount > (Long.MAX_VALUE >> shift) ? null : amount << shift;
    }

    /** The largest unit that divides it: {@code 20MB}, {@code 512KB}, {@code 1000B}. */
    static String format(long bytes) {
        if (bytes > 0 && bytes % (1L << 30) == 0) return (bytes >> 30) + "GB";
        if (bytes > 0 && bytes % (1L << 20) == 0) return (bytes >> 20) + "MB";
        if (bytes > 0 && bytes % (1L << 10) == 0) return (bytes >> 10) + "KB";
        return bytes + "B";
    }
}
