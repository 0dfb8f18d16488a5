package dev.dingbot.core.contract;

import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ReplayGuard} promises. Subclasses give a fresh guard, with room for 100 keys, per test. */
public abstract class ReplayGuardContract {

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    protected abstract ReplayGuard guard(Clock clock);

    private Instant in(Duration d) {
        return clock.instant().plus(d);
    }

    @Test
    void a_key_is_accepted_once_and_its_repeat_refused_while_it_lives() {
        ReplayGuard guard = guard(clock);

        assertThat(guard.firstUse("k1", in(Duration.ofHours(1)))).isTrue();
        assertThat(guard.firstUse("k2", in(Duration.ofHours(1)))).isTrue();
        clock.advance(Duration.ofMinutes(59));
        assertThat(guard.firstUse("k1", in(Duration.ofHours(1)))).as("the same key with another expiry").isFalse();
        assertThat(guard.firstUse("k2", in(Duration.ofMinutes(1)))).isFalse();
    }

    @Test
    void a_key_is_forgotten_once_it_expires() {
        ReplayGuard guard = guard(clock);
        guard.firstUse("k1", in(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));

        assertThat(guard.firstUse("k1", in(Duration.ofMinutes(5)))).isTrue();
    }

    @Test
    void a_key_already_expired_is_refused() {
        ReplayGuard guard = guard(clock);

        assertThat(guard.firstUse("k1", clock.instant())).isFalse();
        assertThat(guard.firstUse("k2", in(Duration.ofMillis(-1)))).isFalse();
    }
}
