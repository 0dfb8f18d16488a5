package dev.dingbot.storage.postgres;

import dev.dingbot.core.port.QuotaStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;

/**
 * Daily counters in {@code quota_counts}, one row per user and day. Every call is one statement, atomic however
 * many instances count at once: a row's lock orders the increments and the limit is checked on the row as it is
 * then.
 */
final class PostgresQuotaStore implements QuotaStore {

    private static final String ACQUIRE = """
            INSERT INTO quota_counts (user_key, day, used) VALUES (?, ?, 1)
            ON CONFLICT (user_key, day) DO UPDATE SET used = quota_counts.used + 1 WHERE quota_counts.used < ?
            RETURNING used""";

    private final Jdbc jdbc;

    PostgresQuotaStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean tryAcquire(String user, LocalDate day, int limit) {
        if (limit < 1) return false;
        return jdbc.givesARow("count a request", ACQUIRE, s -> {
            s.setString(1, user);
            s.setObject(2, day);
            s.setInt(3, limit);
        });
    }

    @Override
    public void release(String user, LocalDate day) {
        jdbc.update("give back a request",
                "UPDATE quota_counts SET used = used - 1 WHERE user_key = ? AND day = ? AND used > 0", s -> {
                    s.setString(1, user);
                    s.setObject(2, day);
                });
    }

    @Override
    public int used(String user, LocalDate day) {
        return jdbc.call("read a quota", connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT used FROM quota_counts WHERE user_key = ? AND day = ?")) {
                s.setString(1, user);
                s.setObject(2, day);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? rows.getInt(1) : 0;
                }
            }
        });
    }
}
