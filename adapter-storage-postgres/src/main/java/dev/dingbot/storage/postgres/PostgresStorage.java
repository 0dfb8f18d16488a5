package dev.dingbot.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dingbot.core.port.HistoryStore;
import dev.dingbot.core.port.LinkStore;
import dev.dingbot.core.port.QuotaStore;
import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.core.port.SessionStore;
import dev.dingbot.core.port.UsageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The store ports in one PostgreSQL database that several instances share (tables in {@code db/migration}):
 * <pre>
 * sessions      mode and context per conversation+sender, versioned so that concurrent saves keep every turn
 * history       the question/answer log; ids from an identity column
 * quota_counts  requests per user and day, counted by one atomic statement
 * usage_totals  tokens per day and model, summed over every instance
 * replay_keys   one-time credentials until they expire
 * links         what the public links lead to (images, conversation pages) until they expire
 * </pre>
 * Opening creates or upgrades the tables. Thread-safe; each call borrows a pooled connection.
 */
public final class PostgresStorage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresStorage.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final HikariDataSource pool;
    private final PostgresSessionStore sessions;
    private final PostgresHistoryStore history;
    private final PostgresQuotaStore quotas;
    private final PostgresUsageLedger usage;
    private final PostgresReplayGuard replayGuard;
    private final PostgresLinkStore links;

    private PostgresStorage(HikariDataSource pool, PostgresSettings settings) {
        this.pool = pool;
        Jdbc jdbc = new Jdbc(pool);
        this.sessions = new PostgresSessionStore(jdbc);
        this.history = new PostgresHistoryStore(jdbc);
        this.quotas = new PostgresQuotaStore(jdbc);
        this.usage = new PostgresUsageLedger(jdbc);
        this.replayGuard = new PostgresReplayGuard(jdbc, settings.clock());
        this.links = new PostgresLinkStore(jdbc, settings.clock());
    }

    /**
     * Connects, and creates or upgrades the tables.
     *
     * @throws PostgresStorageException in one line: the database cannot be reached (host, port, the driver's
     *                                  reason), or its schema is newer than this version knows
     */
    public static PostgresStorage open(PostgresSettings settings) {
        return open(settings, Schema.MIGRATIONS);
    }

    /** {@link #open(PostgresSettings)} with the migrations from {@code locations}. */
    static PostgresStorage open(PostgresSettings settings, String... migrations) {
        checkReachable(settings);
        HikariDataSource pool = new HikariDataSource(poolConfig(settings));
        try {
            Schema.migrate(pool, migrations);
            log.info("Storage open in PostgreSQL at {}:{} as instance {} ({} connections at most)",
                    settings.host(), settings.port(), settings.instanceId(), settings.poolSize());
            return new PostgresStorage(pool, settings);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public SessionStore sessions() {
        return sessions;
    }

    public HistoryStore history() {
        return history;
    }

    public QuotaStore quotas() {
        return quotas;
    }

    public UsageLedger usage() {
        return usage;
    }

    public ReplayGuard replayGuard() {
        return replayGuard;
    }

    public LinkStore links() {
        return links;
    }

    /** Closes every connection; harmless when done before. */
    @Override
    public void close() {
        pool.close();
    }

    /** One connection before the pool, so that a failure is one line of ours, not the pool's stack trace. */
    private static void checkReachable(PostgresSettings settings) {
        Properties properties = connectionProperties(settings);
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        try (Connection ignored = new org.postgresql.Driver().connect(settings.url(), properties)) {
            // reached and logged in
        } catch (SQLException e) {
            throw new PostgresStorageException("cannot reach PostgreSQL at " + settings.host() + ":" + settings.port()
                    + ": " + Jdbc.oneLine(e.getMessage())
                    + " (check storage.postgres.url, storage.postgres.user and storage.postgres.password)", e);
        }
    }

    private static HikariConfig poolConfig(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dingbot-postgres");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(CONNECT_TIMEOUT_SECONDS));
        config.setDataSourceProperties(connectionProperties(settings));
        return config;
    }

    private static Properties connectionProperties(PostgresSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "dingbot " + settings.instanceId());
        return properties;
    }
}
