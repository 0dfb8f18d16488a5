package dev.dingbot.core.memory;

import dev.dingbot.core.port.ReplayGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Keeps at most {@code capacity} keys until they expire. When that many are alive, a new key is refused rather
 * than an older one forgotten: forgetting would let that one be replayed.
 */
public final class InMemoryReplayGuard implements ReplayGuard {

    private static final Logger log = LoggerFactory.getLogger(InMemoryReplayGuard.class);

    private record Entry(String key, Instant expiresAt) { }

    private final Clock clock;
    private final int capacity;
    private final Map<String, Instant> alive = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>((a, b) -> a.expiresAt.compareTo(b.expiresAt));

    public InMemoryReplayGuard(Clock clock, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    @Override
    public synchronized boolean firstUse(String key, Instant expiresAt) {
        Instant now = clock.instant();
        forgetExpired(now);
        if (!expiresAt.isAfter(now) || alive.containsKey(key)) return false;
        if (alive.size() >= capacity) {
            log.warn("refused a signed callback: {} signatures are still within their window", capacity);
            return false;
        }
        alive.put(key, expiresAt);
        byExpiry.add(new Entry(key, expiresAt));
        return true;
    }

    private void forgetExpired(Instant now) {
        while (!byExpiry.isEmpty() && !byExpiry.peek().expiresAt.isAfter(now)) {
            alive.remove(byExpiry.poll().key);
        }
    }
}
