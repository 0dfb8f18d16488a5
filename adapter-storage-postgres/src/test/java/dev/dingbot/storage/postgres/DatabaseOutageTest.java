package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.testkit.postgres.CuttableProxy;
import dev.dingbot.testkit.postgres.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database going away and coming back, through a {@link CuttableProxy} in front of it (the test server is
 * shared by the JVM's test classes, so the network to it is cut, not the server stopped).
 */
class DatabaseOutageTest {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private CuttableProxy network;
    private int failedCalls;

    @AfterEach
    void closeTheProxy() throws Exception {
        if (network != null) network.close();
    }

    @Test
    void while_the_database_is_away_calls_fail_within_seconds_and_once_it_is_back_they_work_again_without_a_restart()
            throws Exception {
        LocalPostgres server = LocalPostgres.start();
        network = new CuttableProxy(server.host(), server.port());
        PostgresStorage storage = db.open(PostgresSettings.builder(
                        "jdbc:postgresql://" + server.host() + ":" + network.port() + "/" + db.database().name())
                .user(db.database().user()).password(db.database().password()).poolSize(4).build());
        Inbox inbox = storage.inbox();
        assertThat(storage.reachable()).isTrue();
        assertThat(inbox.admit(InboxContract.message("before"))).isTrue();

        network.cut();
        for (int call = 0; call < 3; call++) { // past the pooled connections, to the new ones the pool cannot open
            Instant failing = Instant.now();
            assertThatThrownBy(() -> inbox.admit(InboxContract.message("during")))
                    .isInstanceOf(PostgresStorageException.class)
                    .hasMessageStartingWith("cannot save an incoming message in PostgreSQL: ");
            assertThat(Duration.between(failing, Instant.now())).as("call %d", call)
                    .isLessThan(PostgresStorage.CONNECT_TIMEOUT.plusSeconds(3));
        }
        Instant checking = Instant.now();
        assertThat(storage.reachable()).isFalse();
        assertThat(Duration.between(checking, Instant.now())).isLessThan(PostgresStorage.REACHABLE_WITHIN.plusSeconds(1));

        network.restore();
        Duration recovery = PostgresStorage.CONNECT_TIMEOUT.plusSeconds(5);
        assertThat(eventually(recovery, () -> inbox.admit(InboxContract.message("during"))))
                .as("admitted once it is back: it was not while the database was away").isTrue();
        assertThat(failedCalls).as("a call fails at most once per pooled connection the outage broke").isLessThanOrEqualTo(4);
        assertThat(eventually(recovery, storage::reachable)).isTrue();
        assertThat(inbox.pending()).extracting(IncomingMessage::msgId).containsExactly("before", "during");
    }

    @Test
    void a_call_on_a_connection_whose_network_goes_silent_fails_within_the_answer_timeout_and_works_again_after()
            throws Exception {
        LocalPostgres server = LocalPostgres.start();
        network = new CuttableProxy(server.host(), server.port());
        Duration answerTimeout = Duration.ofSeconds(1);
        Inbox inbox = db.open(PostgresSettings.builder(
                        "jdbc:postgresql://" + server.host() + ":" + network.port() + "/" + db.database().name())
                .user(db.database().user()).password(db.database().password()).poolSize(1)
                .answerTimeout(answerTimeout).build()).inbox();
        assertThat(inbox.admit(InboxContract.message("before"))).isTrue();

        network.stall();
        Instant calling = Instant.now();
        assertThatThrownBy(() -> inbox.admit(InboxContract.message("during")))
                .isInstanceOf(PostgresStorageException.class)
                .hasMessageStartingWith("cannot save an incoming message in PostgreSQL: ");
        assertThat(Duration.between(calling, Instant.now())).isLessThan(answerTimeout.plusSeconds(3));

        network.restore(); // what was held back arrives now: "during" may have been saved after all
        assertThat(eventually(PostgresStorage.CONNECT_TIMEOUT.plusSeconds(5),
                () -> inbox.admit(InboxContract.message("after")))).isTrue();
    }

    /**
     * Whether {@code call} says yes before {@code limit}; a pooled connection the outage broke fails the call that
     * gets it (then the pool drops it), and a reachability check begun while it was away may still run.
     */
    private boolean eventually(Duration limit, BooleanSupplier call) {
        Instant until = Instant.now().plus(limit);
        while (Instant.now().isBefore(until)) {
            try {
                if (call.getAsBoolean()) return true;
            } catch (PostgresStorageException onABrokenConnection) {
                failedCalls++;
            }
        }
        return false;
    }
}
