package dev.dingbot.storage.postgres;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Clean-up work an instance does on a call, at most once an interval however many threads call: the first is due. */
final class AtMostEvery {

    private final Clock clock;
    private final Duration interval;
    private final AtomicReference<Instant> next;

    AtMostEvery(Duration interval, Clock clock) {
        this.clock = clock;
        this.interval = interval;
        this.next = new AtomicReference<>(clock.instant());
    }

    /** True for one caller once the interval since the last due call has passed. */
    boolean due() {
        Instant now = clock.instant();
        Instant due = next.get();
        return !now.isBefore(due) && next.compareAndSet(due, now.plus(interval));
    }
}
