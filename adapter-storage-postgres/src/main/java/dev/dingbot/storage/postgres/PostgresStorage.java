package dev.dingbot.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.dingbot.core.port.HistoryStore;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.port.LinkStore;
import dev.dingbot.core.port.QuotaStore;
import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.core.port.SessionStore;
import dev.dingbot.core.port.UsageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The store ports in one PostgreSQL database that several instances share (tables in {@code db/migration}):
 * <pre>
 * sessions      mode, context and documents per conversation+sender, versioned so that concurrent saves keep every turn
 * history       the question/answer log; ids from an identity column
 * quota_counts  requests per user and day, counted by one atomic statement
 * usage_totals  tokens per day and model, summed over every instance
 * replay_keys   one-time credentials until they expire
 * inbox_*       the shared inbox: messages (de-duplication, work queue) and who answers which lane
 * instances     each instance's start and heartbeat
 * links         what the public links lead to (images, conversation pages) until they expire
 * </pre>
 * Opening creates or upgrades the tables. Thread-safe; each call borrows a pooled connection. A database that goes
 * away fails calls within {@link #CONNECT_TIMEOUT} and serves them again once it is back, without a restart.
 */
public final class PostgresStorage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresStorage.class);
    /** How long a call waits for a connection (and a new connection for the server) before it fails. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #reachable()} waits for the database to answer. */
    static final Duration REACHABLE_WITHIN = Duration.ofSeconds(2);
    /** An instance is live while its last heartbeat is younger than this many leases. */
    private static final int LIVE_LEASES = 3;
    private static final String ANNOUNCE = """
            INSERT INTO instances (id, started_at, last_seen) VALUES (?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET started_at = EXCLUDED.started_at, last_seen = EXCLUDED.last_seen""";

    private final HikariDataSource pool;
    private final PostgresSettings settings;
    private final String[] migrations;
    private final Jdbc jdbc;
    private final PostgresSessionStore sessions;
    private final PostgresHistoryStore history;
    private final PostgresQuotaStore quotas;
    private final PostgresUsageLedger usage;
    private final PostgresReplayGuard replayGuard;
    private final PostgresInbox inbox;
    private final ExecutorService checks = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "postgres-reachable");
        t.setDaemon(true);
        return t;
    });
    private Future<Boolean> lastCheck;
    private final PostgresLinkStore links;

    private PostgresStorage(HikariDataSource pool, PostgresSettings settings, String[] migrations) {
        this.pool = pool;
        this.settings = settings;
        this.migrations = migrations;
        this.jdbc = new Jdbc(pool);
        this.sessions = new PostgresSessionStore(jdbc);
        this.history = new PostgresHistoryStore(jdbc);
        this.quotas = new PostgresQuotaStore(jdbc);
        this.usage = new PostgresUsageLedger(jdbc);
        this.replayGuard = new PostgresReplayGuard(jdbc, settings.clock());
        this.inbox = new PostgresInbox(jdbc, settings);
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
        // an upgrade may rewrite big tables: it runs on connections of its own, without the answer timeout
        try (HikariDataSource upgrading = new HikariDataSource(workPoolConfig(settings, "upgrade", Duration.ZERO))) {
            Schema.migrate(upgrading, migrations);
        }
        HikariDataSource pool = new HikariDataSource(poolConfig(settings, settings.poolSize(), settings.answerTimeout()));
        try {
            PostgresStorage storage = new PostgresStorage(pool, settings, migrations);
            storage.announce();
            log.info("Storage open in PostgreSQL at {}:{} as instance {} ({} connections at most)",
                    settings.host(), settings.port(), settings.instanceId(), settings.poolSize());
            return storage;
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

    /** The inbox every instance shares: de-duplication, and the work queue that gives each lane to one instance. */
    public Inbox inbox() {
        return inbox;
    }

    /**
     * The instances whose heartbeat (at open, and with every lease renewal) is younger than three leases, by id,
     * with the time each was last seen.
     */
    public Map<String, Instant> liveInstances() {
        return liveInstances(jdbc, settings);
    }

    /**
     * What {@code dingbot check} shows, changing nothing: the schema version and the live instances. Unlike
     * {@link #open}, it neither creates or upgrades the tables nor counts itself among the instances.
     *
     * @throws PostgresStorageException in one line, as {@link #open} does
     */
    public static DatabaseFacts inspect(PostgresSettings settings) {
        checkReachable(settings);
        try (HikariDataSource looking = new HikariDataSource(workPoolConfig(settings, "check", settings.answerTimeout()))) {
            Schema.Versions versions = Schema.versions(looking, Schema.MIGRATIONS);
            Jdbc jdbc = new Jdbc(looking);
            return new DatabaseFacts(versions.current(), versions.known(), versions.state(),
                    hasInstancesTable(jdbc) ? liveInstances(jdbc, settings) : Map.of());
        }
    }

    /** False before the migration that creates it (version 2) ran. */
    private static boolean hasInstancesTable(Jdbc jdbc) {
        return jdbc.call("look for the instances table", connection -> {
            try (Statement s = connection.createStatement();
                 ResultSet rows = s.executeQuery("SELECT to_regclass('instances') IS NOT NULL")) {
                return rows.next() && rows.getBoolean(1);
            }
        });
    }

    private static Map<String, Instant> liveInstances(Jdbc jdbc, PostgresSettings settings) {
        Instant since = settings.clock().instant().minus(settings.lease().multipliedBy(LIVE_LEASES));
        return jdbc.call("read the running instances", connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT id, last_seen FROM instances WHERE last_seen > ? ORDER BY id")) {
                s.setObject(1, Jdbc.utc(since));
                Map<String, Instant> live = new LinkedHashMap<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) live.put(rows.getString("id"), Jdbc.instant(rows, "last_seen"));
                }
                return live;
            }
        });
    }

    /** The version of the tables as Flyway records it (e.g. {@code "2"}). */
    public String schemaVersion() {
        return Schema.versions(pool, migrations).current();
    }

    /**
     * Whether the database answers a {@code SELECT 1} within {@link #REACHABLE_WITHIN}: false while it is down, true
     * again once it is back. At most one check runs at a time; callers meanwhile wait for it.
     */
    public synchronized boolean reachable() {
        if (lastCheck == null || lastCheck.isDone()) lastCheck = checks.submit(this::selectOne);
        try {
            return lastCheck.get(REACHABLE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What the public links lead to, shared by every instance, so a link made on one opens on any other. */
    public LinkStore links() {
        return links;
    }

    /** Closes every connection; harmless when done before. */
    @Override
    public void close() {
        checks.shutdownNow();
        pool.close();
    }

    private boolean selectOne() {
        return jdbc.call("check the connection", connection -> {
            try (Statement s = connection.createStatement()) {
                s.setQueryTimeout((int) REACHABLE_WITHIN.toSeconds());
                return s.execute("SELECT 1");
            }
        });
    }

    /** The first heartbeat: this instance started now. */
    private void announce() {
        Instant now = settings.clock().instant();
        jdbc.update("register this instance", ANNOUNCE, s -> {
            s.setString(1, settings.instanceId());
            s.setObject(2, Jdbc.utc(now));
            s.setObject(3, Jdbc.utc(now));
        });
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

    /** A pool for one piece of work, named after it: two connections, as Flyway holds two at once. */
    private static HikariConfig workPoolConfig(PostgresSettings settings, String work, Duration answerTimeout) {
        HikariConfig config = poolConfig(settings, 2, answerTimeout);
        config.setPoolName("dingbot-postgres-" + work);
        return config;
    }

    /** @param answerTimeout {@link Duration#ZERO} for none */
    private static HikariConfig poolConfig(PostgresSettings settings, int size, Duration answerTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dingbot-postgres");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        Properties properties = connectionProperties(settings);
        properties.setProperty("socketTimeout", Long.toString(answerTimeout.toSeconds()));
        config.setDataSourceProperties(properties);
        return config;
    }

    private static Properties connectionProperties(PostgresSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "dingbot " + settings.instanceId());
        return properties;
    }
}
