package dev.dingbot.core.pipeline;

import java.time.Duration;

/** Durations as the original bot wrote them in its replies. */
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
}
