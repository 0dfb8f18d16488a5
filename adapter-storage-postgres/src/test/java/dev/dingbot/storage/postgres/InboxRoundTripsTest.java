package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.Inbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips to the database per answered message, as the driver sends them: each ends with one Sync message that
 * the server answers (a BEGIN goes along with the transaction's first statement). The pool's check of a connection
 * idle for more than half a second (an empty query) is not the inbox's and is not counted.
 */
class InboxRoundTripsTest {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private final Logger driver = Logger.getLogger("org.postgresql");
    private final Level driverLevel = driver.getLevel();
    private final SyncCounter syncs = new SyncCounter(Thread.currentThread());

    @BeforeEach
    void countTheDriversSyncs() {
        driver.setLevel(Level.FINEST);
        driver.addHandler(syncs);
    }

    @AfterEach
    void stopCounting() {
        driver.removeHandler(syncs);
        driver.setLevel(driverLevel);
    }

    @Test
    void a_message_answered_on_a_lane_with_nothing_after_it_takes_six_round_trips() {
        Inbox inbox = db.storage().inbox();
        answer(inbox, InboxContract.message("warm-up")); // the clean-up of old messages is due on the first admission

        for (int n = 0; n < 10; n++) {
            int before = syncs.count;
            answer(inbox, InboxContract.message("m" + n));
            assertThat(syncs.count - before).as("admit 1, claim 1, complete 1, next 3 (message %d)", n).isEqualTo(6);
        }
    }

    @Test
    void a_message_that_waited_behind_another_of_its_lane_takes_three_round_trips_to_be_taken_next() {
        Inbox inbox = db.storage().inbox();
        IncomingMessage first = InboxContract.message("first");
        answer(inbox, InboxContract.message("warm-up"));
        inbox.admit(first);
        inbox.claim(first);
        inbox.admit(InboxContract.message("second"));
        inbox.complete("first");

        int before = syncs.count;
        assertThat(inbox.next(first.laneKey())).isPresent();
        assertThat(syncs.count - before).as("hold the lane, read the next message, commit").isEqualTo(3);
    }

    private static void answer(Inbox inbox, IncomingMessage message) {
        assertThat(inbox.admit(message)).isTrue();
        assertThat(inbox.claim(message)).isTrue();
        inbox.complete(message.msgId());
        assertThat(inbox.next(message.laneKey())).isEmpty();
    }

    /** Counts the Syncs the driver sends on the test's thread, but those of the pool's empty check query. */
    private static final class SyncCounter extends Handler {
        private final Thread counted;
        private final SimpleFormatter text = new SimpleFormatter();
        private boolean emptyQuery;
        volatile int count;

        SyncCounter(Thread counted) {
            this.counted = counted;
        }

        @Override
        public void publish(LogRecord record) {
            if (Thread.currentThread() != counted || record.getMessage() == null) return;
            String message = text.formatMessage(record);
            if (message.contains("query=\"\"")) emptyQuery = true;
            if (message.strip().equals("FE=> Sync")) {
                if (!emptyQuery) count++;
                emptyQuery = false;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
