package dev.dingbot.documents;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves on by one step each time it is read: the n-th deadline check sees n steps passed. */
final class SteppingClock implements LongSupplier {

    private final long step;
    private long now;

    SteppingClock(Duration step) {
        this.step = step.toNanos();
    }

    @Override
    public long getAsLong() {
        long read = now;
        now += step;
        return read;
    }
}
