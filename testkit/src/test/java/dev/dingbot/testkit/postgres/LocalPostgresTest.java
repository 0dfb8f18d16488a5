package dev.dingbot.testkit.postgres;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPostgresTest {

    private static Connection connect(LocalPostgres.Database db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    private static String show(Statement sql, String setting) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void the_server_is_shared_by_the_jvm_and_each_database_it_creates_is_new_and_empty() throws SQLException {
        LocalPostgres server = LocalPostgres.start();
        assertThat(LocalPostgres.start()).isSameAs(server);

        LocalPostgres.Database first = server.createDatabase();
        LocalPostgres.Database second = server.createDatabase();
        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection one = connect(first); Statement sql = one.createStatement()) {
            sql.execute("CREATE TABLE notes (line text)");
        }
        try (Connection two = connect(second); Statement sql = two.createStatement();
             ResultSet tables = sql.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void the_server_listens_on_loopback_only_without_a_unix_socket_and_without_fsync() throws SQLException {
        LocalPostgres server = LocalPostgres.start();
        try (Connection c = connect(server.createDatabase()); Statement sql = c.createStatement()) {
            assertThat(show(sql, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(sql, "unix_socket_directories")).isEmpty();
            assertThat(show(sql, "fsync")).isEqualTo("off");
            assertThat(show(sql, "port")).isEqualTo(Integer.toString(server.port()));
        }
        assertThat(server.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres");
    }

    @Test
    void close_stops_the_server_and_deletes_its_files() throws SQLException {
        LocalPostgres own = LocalPostgres.startNew();
        LocalPostgres.Database db = own.createDatabase();
        Path dataDir = own.dataDir();
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        own.close();
        own.close();

        assertThat(Files.exists(dataDir)).isFalse();
        assertThatThrownBy(() -> connect(db).close()).isInstanceOf(SQLException.class);
        assertThat(LocalPostgres.start()).as("the shared server is another one").isNotSameAs(own);
    }
}
