package dev.dingbot.storage.postgres;

import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayKeysCleanupTest {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @Test
    void expired_keys_are_deleted_on_a_call_at_most_once_a_minute() throws Exception {
        ReplayGuard guard = db.open(db.settings().clock(clock).build()).replayGuard();
        guard.firstUse("old", clock.instant().plusSeconds(10));
        clock.advance(Duration.ofSeconds(20));

        guard.firstUse("new", clock.instant().plusSeconds(3600));
        assertThat(db.number("SELECT count(*) FROM replay_keys")).as("not a minute since the last cleanup").isEqualTo(2);

        clock.advance(PostgresReplayGuard.CLEANUP_INTERVAL);
        guard.firstUse("newer", clock.instant().plusSeconds(3600));
        assertThat(db.number("SELECT count(*) FROM replay_keys WHERE key = 'old'")).isZero();
        assertThat(db.number("SELECT count(*) FROM replay_keys")).isEqualTo(2);
    }
}
