package dev.dingbot.storage.postgres;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Statements on the pool: a connection per call, SQL failures as {@link PostgresStorageException}s naming the work. */
final class Jdbc {

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    private final DataSource pool;

    Jdbc(DataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code work} on one connection in auto-commit: each statement is its own transaction. */
    <T> T call(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** One statement on its own connection; returns the rows it changed. */
    int update(String what, String sql, Parameters parameters) {
        return call(what, connection -> update(connection, sql, parameters));
    }

    static int update(Connection connection, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.set(statement);
            return statement.executeUpdate();
        }
    }

    /** Whether the statement (an {@code INSERT … RETURNING} or a {@code SELECT}) gave a row. */
    boolean givesARow(String what, String sql, Parameters parameters) {
        return call(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.set(statement);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static PostgresStorageException failed(String what, SQLException e) {
        return new PostgresStorageException("cannot " + what + " in PostgreSQL: " + oneLine(e.getMessage()), e);
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
