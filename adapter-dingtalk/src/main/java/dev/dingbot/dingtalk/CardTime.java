package dev.dingbot.dingtalk;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The time card streams live in: where frames and the watchdog are scheduled, the monotonic nanos their gaps are
 * measured in, and how the final frame waits out its gap on the caller's thread.
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
