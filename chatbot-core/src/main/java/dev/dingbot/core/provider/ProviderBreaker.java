package dev.dingbot.core.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The circuit breaker of one provider: open after so many failures in a row, so that requests go elsewhere without
 * waiting for it; after the cool-down one request tries it (half-open) and its outcome closes or reopens it.
 * Changes of state are handed to {@code changed}, one call per transition.
 */
final class ProviderBreaker {

    private final int failuresToOpen;
    private final Duration coolDown;
    private final Clock clock;
    private final Consumer<FailoverChatModel.BreakerState> changed;
    private FailoverChatModel.BreakerState state = FailoverChatModel.BreakerState.CLOSED;
    private int failuresInARow;
    /** When it opened, or when its half-open probe started. */
    private Instant since = Instant.MIN;

    ProviderBreaker(int failuresToOpen, Duration coolDown, Clock clock,
                    Consumer<FailoverChatModel.BreakerState> changed) {
        this.failuresToOpen = failuresToOpen;
        this.coolDown = coolDown;
        this.clock = clock;
        this.changed = changed;
    }

    /**
     * Whether a request may go to the provider now. Past the cool-down the first one asking is the probe; a probe
     * whose outcome never came is replaced after another cool-down.
     */
    boolean admits() {
        FailoverChatModel.BreakerState next;
        synchronized (this) {
            if (state == FailoverChatModel.BreakerState.CLOSED) return true;
            Instant now = clock.instant();
            if (now.isBefore(since.plus(coolDown))) return false;
            since = now;
            if (state == FailoverChatModel.BreakerState.HALF_OPEN) return true;
            next = state = FailoverChatModel.BreakerState.HALF_OPEN;
        }
        changed.accept(next);
        return true;
    }

    /** The provider answered (whatever it said: it is there). */
    void succeeded() {
        synchronized (this) {
            failuresInARow = 0;
            if (state == FailoverChatModel.BreakerState.CLOSED) return;
            state = FailoverChatModel.BreakerState.CLOSED;
        }
        changed.accept(FailoverChatModel.BreakerState.CLOSED);
    }

    /** The provider failed in a way another one may not. */
    void failed() {
        synchronized (this) {
            failuresInARow++;
            boolean opens = state == FailoverChatModel.BreakerState.HALF_OPEN
                    || state == FailoverChatModel.BreakerState.CLOSED && failuresInARow >= failuresToOpen;
            if (!opens) return;
            state = FailoverChatModel.BreakerState.OPEN;
            since = clock.instant();
        }
        changed.accept(FailoverChatModel.BreakerState.OPEN);
    }

    synchronized FailoverChatModel.BreakerState state() {
        return state;
    }
}
