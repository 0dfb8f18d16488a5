package dev.dingbot.storage.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A database that cannot be opened says why, in one line that names what to fix. */
class OpenFailureTest {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void a_database_nobody_listens_for_is_one_line_with_host_port_the_drivers_reason_and_the_keys_to_fix() throws IOException {
        int port = closedPort();

        PostgresStorageException e = catchThrowableOfType(PostgresStorageException.class, () -> PostgresStorage.open(
                PostgresSettings.builder("jdbc:postgresql://127.0.0.1:" + port + "/dingbot").user("bot").build()));

        assertThat(e.getMessage())
                .startsWith("cannot reach PostgreSQL at 127.0.0.1:" + port + ": ")
                .contains("refused")
                .endsWith("(check storage.postgres.url, storage.postgres.user and storage.postgres.password)")
                .doesNotContain("\n");
    }

    @Test
    void a_database_that_does_not_exist_on_a_running_server_is_named_by_the_drivers_reason() {
        String url = db.database().jdbcUrl().replace(db.database().name(), "no_such_database");

        PostgresStorageException e = catchThrowableOfType(PostgresStorageException.class,
                () -> db.open(PostgresSettings.builder(url).user(db.database().user()).build()));

        assertThat(e.getMessage()).contains("no_such_database").contains("does not exist").doesNotContain("\n");
    }

    @Test
    void a_schema_newer_than_this_version_knows_stops_the_instance_naming_both_versions_and_the_fix() throws Exception {
        String known = db.storage().schemaVersion();
        PostgresStorage.open(db.settings().instanceId("newer").build(), Schema.MIGRATIONS, "classpath:db/newer").close();

        PostgresStorageException e = catchThrowableOfType(PostgresStorageException.class,
                () -> db.open(db.settings().instanceId("older").build()));

        assertThat(e.getMessage()).isEqualTo("the PostgreSQL database has dingbot schema version 900, newer than this"
                + " dingbot knows (version " + known + "): upgrade this instance to the dingbot"
                + " version the others run");
        assertThat(db.number("SELECT count(*) FROM from_a_newer_version")).as("the newer tables are left alone").isZero();
    }
}
