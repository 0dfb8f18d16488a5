package dev.dingbot.core.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Says yes once per window and key: a sender refused again and again (a flood) is told once a window, not once
 * per message. Keys whose window has passed are forgotten by {@link #purge()}.
 */
public final class NoticeWindow<K> {

    private final Duration window;
    private final Clock clock;
    private final Map<K, Instant> told = new ConcurrentHashMap<>();

    public NoticeWindow(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** True when {@code key} was not told within the window; it counts as told from now on. */
    public boolean tellNow(K key) {
        Instant now = clock.instant();
        boolean[] tell = {false};
        told.compute(key, (k, last) -> {
            if (last != null && now.isBefore(last.plus(window))) return last;
            tell[0] = true;
            return now;
        });
        return tell[0];
    }

    /** Forgets keys told longer than a window ago; returns how many. */
    public int purge() {
        Instant expired = clock.instant().minus(window);
        int before = told.size();
        told.values().removeIf(last -> !last.isAfter(expired));
        return before - told.size();
    }
}
