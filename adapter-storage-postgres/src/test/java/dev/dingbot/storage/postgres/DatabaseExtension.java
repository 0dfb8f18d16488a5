package dev.dingbot.storage.postgres;

import dev.dingbot.testkit.postgres.LocalPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A database of the JVM's {@link LocalPostgres} for the test class, with one {@link PostgresStorage} on it; every
 * table emptied (ids restarting at 1) before each test. Storages a test opens are closed after it.
 */
final class DatabaseExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private static final String TABLES = "sessions, history, quota_counts, usage_totals, replay_keys, inbox_messages, inbox_lanes, instances";

    private LocalPostgres.Database database;
    private PostgresStorage storage;
    private final List<PostgresStorage> openedByTheTest = new ArrayList<>();

    LocalPostgres.Database database() {
        return database;
    }

    /** The class's storage. */
    PostgresStorage storage() {
        return storage;
    }

    /** Settings for this database (a small pool), each changeable by name. */
    PostgresSettings.Builder settings() {
        return PostgresSettings.builder(database.jdbcUrl()).user(database.user()).password(database.password())
                .poolSize(4);
    }

    /** Another instance on the same database, closed after the test. */
    PostgresStorage open(PostgresSettings settings) {
        PostgresStorage another = PostgresStorage.open(settings);
        openedByTheTest.add(another);
        return another;
    }

    /** The first column of the first row of {@code query}, as a number. */
    long number(String query) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database = LocalPostgres.start().createDatabase();
        storage = PostgresStorage.open(settings().instanceId("first").build());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        execute("TRUNCATE " + TABLES + " RESTART IDENTITY");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        openedByTheTest.forEach(PostgresStorage::close);
        openedByTheTest.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        storage.close();
    }
}
