package dev.dingbot.core.pipeline;

import dev.dingbot.core.port.QuotaStore;
import dev.dingbot.core.settings.QuotaSettings;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The daily request limit. A day is a calendar day in the configured zone, so counters reset at local midnight
 * (the original reset at 00:00 UTC). Only work that reaches a model is counted, and it is given back when the
 * model produced nothing.
 */
final class DailyQuota {

    private final QuotaSettings settings;
    private final QuotaStore store;
    private final Clock clock;

    DailyQuota(QuotaSettings settings, QuotaStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /** A ticket for one request, or empty when the user has used up today's requests. */
    Optional<Ticket> acquire(String user, boolean exempt) {
        if (!settings.limited() || exempt) return Optional.of(Ticket.FREE);
        LocalDate day = today();
        if (!store.tryAcquire(user, day, settings.maxRequestsPerDay())) return Optional.empty();
        return Optional.of(() -> store.release(user, day));
    }

    /** Whether the user has no request left today; counts nothing. */
    boolean usedUp(String user, boolean exempt) {
        return settings.limited() && !exempt && store.used(user, today()) >= settings.maxRequestsPerDay();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(settings.zone()));
    }

    /** A counted request; given back ({@link #refund()}) when its message is finished without a model's answer. */
    @FunctionalInterface
    interface Ticket {
        Ticket FREE = () -> { };

        void refund();
    }
}
