package dev.dingbot.dingtalk;

import java.time.Duration;

/** An app-wide token bucket for card calls: bursts up to one second's worth, then the steady rate. */
final class CardRateLimiter {
    private final double perSecond;
    private final double capacity;
    private final CardTime time;
    private double tokens;
    private long refilledAt;

    CardRateLimiter(double perSecond, CardTime time) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
        this.time = time;
        this.refilledAt = time.nanoTime().getAsLong();
    }

    /** Takes one call's permit, sleeping as long as the bucket needs; false when interrupted. */
    boolean acquire() {
        long waitNanos;
        synchronized (this) {
            long now = time.nanoTime().getAsLong();
            tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            tokens -= 1; // a reservation: later callers queue behind it
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
        }
        return waitNanos == 0 || time.pause().pause(Duration.ofNanos(waitNanos));
    }
}
