package dev.dingbot.core.memory;

import dev.dingbot.core.contract.ReplayGuardContract;
import dev.dingbot.core.port.ReplayGuard;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryReplayGuardTest extends ReplayGuardContract {

    @Override
    protected ReplayGuard guard(Clock clock) {
        return new InMemoryReplayGuard(clock, 100);
    }

    @Test
    void a_full_guard_refuses_new_keys_until_old_ones_expire_and_never_forgets_a_live_one() {
        ReplayGuard guard = new InMemoryReplayGuard(clock, 3);
        guard.firstUse("k1", clock.instant().plus(Duration.ofMinutes(10)));
        guard.firstUse("k2", clock.instant().plus(Duration.ofMinutes(20)));
        guard.firstUse("k3", clock.instant().plus(Duration.ofMinutes(30)));

        assertThat(guard.firstUse("k4", clock.instant().plus(Duration.ofMinutes(30)))).as("full").isFalse();
        assertThat(guard.firstUse("k1", clock.instant().plus(Duration.ofMinutes(30)))).as("k1 still known").isFalse();

        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.firstUse("k4", clock.instant().plus(Duration.ofMinutes(30)))).as("k1's room").isTrue();
        assertThat(guard.firstUse("k5", clock.instant().plus(Duration.ofMinutes(30)))).as("full again").isFalse();
        assertThat(guard.firstUse("k2", clock.instant().plus(Duration.ofMinutes(30)))).isFalse();
    }
}
