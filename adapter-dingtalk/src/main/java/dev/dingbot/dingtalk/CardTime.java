package dev.dingbot.dingtalk;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The time cards live in: where frames and the watchdog are scheduled, the monotonic nanos gaps and the rate limit
 * are measured in, and how a caller's thread waits out a gap or its turn.
 */
record CardTime(ScheduledExecutorService scheduler, LongSupplier nanoTime, Pause pause) {

    /** Waits {@code duration}; false when interrupted meanwhile. */
    interface Pause {
        boolean pause(Duration duration);
    }

    /** Wall time on {@code scheduler}. */
    static CardTime real(ScheduledExecutorService scheduler) {
        return new CardTime(scheduler, System::nanoTime, OpenApiHttp::pause);
    }
}
