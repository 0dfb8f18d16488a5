package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared inbox with several instances calling at the same moment, and what it keeps over time. */
class InboxAcrossInstancesTest {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));

    private Inbox instance(String id) {
        return db.open(db.settings().instanceId(id).clock(clock).build()).inbox();
    }

    private IncomingMessage message(String msgId, String sender) {
        return new IncomingMessage(msgId, "robot-code", ChatKind.GROUP, "cid-1", "运维群",
                new Sender(sender, sender, "sender-" + sender), MessageType.TEXT, "question " + msgId, List.of(),
                QuotedMessage.NONE, clock.instant(), Map.of());
    }

    @Test
    void four_instances_admitting_the_same_200_messages_at_once_admit_each_exactly_once() throws Exception {
        List<Inbox> instances = IntStream.range(0, 4).mapToObj(i -> instance("i" + i)).toList();

        List<List<Boolean>> admitted = Race.atOnce(4, i -> () -> {
            List<Boolean> mine = new ArrayList<>();
            for (int n = 0; n < 200; n++) mine.add(instances.get(i).admit(InboxContract.message("m" + n)));
            return mine;
        });

        for (int n = 0; n < 200; n++) {
            int message = n;
            assertThat(admitted.stream().filter(mine -> mine.get(message)).count()).as("m%d", n).isEqualTo(1);
        }
        assertThat(db.number("SELECT count(*) FROM inbox_messages")).isEqualTo(200);
    }

    @Test
    void three_instances_taking_over_at_once_never_get_the_same_lane() throws Exception {
        Inbox receiver = instance("receiver");
        for (int lane = 0; lane < 60; lane++) {
            receiver.admit(message("first-" + lane, "user" + lane));
            receiver.admit(message("second-" + lane, "user" + lane));
        }
        List<Inbox> takers = IntStream.range(0, 3).mapToObj(i -> instance("taker" + i)).toList();

        List<List<IncomingMessage>> taken = Race.atOnce(3, i -> () -> {
            List<IncomingMessage> mine = new ArrayList<>();
            for (int round = 0; round < 10; round++) mine.addAll(takers.get(i).takeOver(7));
            return mine;
        });

        List<IncomingMessage> all = taken.stream().flatMap(List::stream).toList();
        assertThat(all).extracting(IncomingMessage::laneKey).doesNotHaveDuplicates().hasSize(60);
        assertThat(all).extracting(IncomingMessage::msgId).allMatch(id -> id.startsWith("first-"));
        for (int i = 0; i < 3; i++) {
            for (IncomingMessage m : taken.get(i)) {
                assertThat(db.number("SELECT count(*) FROM inbox_lanes WHERE owner = 'taker" + i + "' AND lane_key = '"
                        + m.laneKey() + "'")).as("%s held by the instance it was given to", m.laneKey()).isEqualTo(1);
            }
        }
    }

    @Test
    void an_instance_whose_lane_was_taken_over_does_not_go_on_with_it_after_its_late_answer() {
        Inbox slow = instance("slow");
        Inbox other = instance("other");
        IncomingMessage inFlight = message("m1", "alice");
        slow.admit(inFlight);
        slow.claim(inFlight);
        IncomingMessage waiting = message("m2", "alice");
        slow.admit(waiting);
        clock.advance(PostgresSettings.DEFAULT_LEASE.plusSeconds(1));
        assertThat(other.takeOver(10)).containsExactly(inFlight);

        slow.complete("m1");

        assertThat(slow.next(inFlight.laneKey())).as("the lane is other's now").isEmpty();
        assertThat(other.next(inFlight.laneKey())).contains(waiting);
    }

    @Test
    void answered_messages_are_forgotten_after_seven_days_at_most_once_an_hour_and_unanswered_ones_kept() throws Exception {
        Inbox inbox = instance("a");
        inbox.admit(message("answered", "alice"));
        inbox.admit(message("unanswered", "bob"));
        inbox.complete("answered");

        clock.advance(PostgresInbox.WINDOW.minus(Duration.ofMinutes(30)));
        inbox.admit(message("m3", "carol"));
        clock.advance(Duration.ofMinutes(31));
        inbox.admit(message("m4", "carol"));
        assertThat(inbox.admit(message("answered", "alice"))).as("the last clean-up was less than an hour ago").isFalse();

        clock.advance(PostgresInbox.CLEANUP_INTERVAL);
        inbox.admit(message("m5", "carol"));
        assertThat(db.number("SELECT count(*) FROM inbox_messages WHERE msg_id = 'answered'")).isZero();
        assertThat(inbox.pending()).extracting(IncomingMessage::msgId).containsExactly("unanswered", "m3", "m4", "m5");
    }
}
