package dev.dingbot.storage.postgres;

import dev.dingbot.core.port.ReplayGuard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One-time keys in {@code replay_keys}, shared by every instance: the primary key lets one insert of a key win; a
 * row whose time is up is taken over by the next use of its key. Expired rows are deleted at most once a
 * {@link #CLEANUP_INTERVAL} per instance, on a call.
 */
final class PostgresReplayGuard implements ReplayGuard {

    static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);
    private static final String FIRST_USE = """
            INSERT INTO replay_keys (key, expires_at) VALUES (?, ?)
            ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE replay_keys.expires_at <= ?
            RETURNING key""";

    private final Jdbc jdbc;
    private final Clock clock;
    private final AtMostEvery cleanup;

    PostgresReplayGuard(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cleanup = new AtMostEvery(CLEANUP_INTERVAL, clock);
    }

    @Override
    public boolean firstUse(String key, Instant expiresAt) {
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) return false;
        if (cleanup.due()) {
            jdbc.update("forget expired one-time keys", "DELETE FROM replay_keys WHERE expires_at <= ?",
                    s -> s.setObject(1, Jdbc.utc(now)));
        }
        return jdbc.givesARow("remember a one-time key", FIRST_USE, s -> {
            s.setString(1, key);
            s.setObject(2, Jdbc.utc(expiresAt));
            s.setObject(3, Jdbc.utc(now));
        });
    }
}
