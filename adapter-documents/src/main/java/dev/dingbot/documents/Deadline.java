package dev.dingbot.documents;

import java.time.Duration;
import java.util.function.LongSupplier;

/** When the reading of one file must stop, on a nanosecond clock that tests drive by hand. */
final class Deadline {

    private final LongSupplier nanoTime;
    private final long end;

    private Deadline(LongSupplier nanoTime, long end) {
        this.nanoTime = nanoTime;
        this.end = end;
    }

    static Deadline after(Duration timeout, LongSupplier nanoTime) {
        return new Deadline(nanoTime, nanoTime.getAsLong() + timeout.toNanos());
    }

    boolean passed() {
        return nanoTime.getAsLong() - end >= 0;
    }
}
