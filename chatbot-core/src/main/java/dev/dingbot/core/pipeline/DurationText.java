package dev.dingbot.core.pipeline;

import java.time.Duration;

/** Durations as replies show them: the original's Chinese minutes and seconds, a tool call's seconds. */
final class DurationText {

    private DurationText() {
    }

    /**
     * {@code <m>分钟} when the whole seconds are a multiple of a minute, else {@code <m>分<s>秒}. Both parts are
     * truncated toward zero and keep the sign (-90 s is {@code -1分-30秒}); fractions of a second are dropped.
     */
    public static String chinese(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 0 && d.getNano() > 0) {
            seconds++; // getSeconds() floors; the original truncates toward zero
        }
        long minutes = seconds / 60;
        long rest = seconds % 60;
        return rest == 0 ? minutes + "分钟" : minutes + "分" + rest + "秒";
    }

    /** Seconds as a progress line shows them: one decimal under ten seconds ({@code 0.4 s}), whole ones above. */
    static String seconds(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis >= 10_000) return millis / 1000 + " s";
        return millis / 1000 + "." + millis % 1000 / 100 + " s";
    }
}
