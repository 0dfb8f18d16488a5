package dev.dingbot.core.contract;

import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an {@link Inbox} several instances share promises: each message admitted once in all; a lane (conversation +
 * sender) answered by one instance at a time, in the order its messages were admitted; a lane whose instance
 * stopped renewing its lease taken over by another. Subclasses give instances of one fresh, empty store whose
 * time is {@link #clock()}.
 */
public abstract class SharedInboxContract {

    /** An instance named {@code id} of the store of this test; every call with the same id is the same instance. */
    protected abstract Inbox instance(String id);

    /** The clock the store of this test reads. */
    protected abstract MutableClock clock();

    /** A message of {@code sender} in conversation {@code cid-1}, written at the store clock's time. */
    protected IncomingMessage message(String msgId, String sender) {
        return new IncomingMessage(msgId, "robot-code", ChatKind.GROUP, "cid-1", "运维群",
                new Sender(sender, sender, "sender-" + sender), MessageType.TEXT, "question " + msgId, List.of(),
                QuotedMessage.NONE, clock().instant(), Map.of("sessionWebhook", "https://example.invalid/hook"));
    }

    private Duration lease() {
        return instance("a").lease().orElseThrow(() -> new AssertionError("a shared inbox names its lease"));
    }

    @Test
    void a_shared_inbox_names_the_lease_its_claims_hold_for() {
        assertThat(lease()).isPositive();
    }

    @Test
    void a_message_admitted_by_one_instance_is_a_redelivery_for_every_other() {
        assertThat(instance("a").admit(message("m1", "alice"))).isTrue();
        assertThat(instance("b").admit(message("m1", "alice"))).isFalse();
        assertThat(instance("c").admit(message("m1", "alice"))).isFalse();
    }

    @Test
    void the_instance_that_claims_a_lane_answers_its_next_message_in_order_whichever_instance_admitted_it() {
        Inbox a = instance("a");
        Inbox b = instance("b");
        IncomingMessage first = message("m1", "alice");
        IncomingMessage second = message("m2", "alice");
        a.admit(first);
        assertThat(a.claim(first)).isTrue();
        b.admit(second);
        assertThat(b.claim(second)).as("alice's lane is a's while m1 is answered").isFalse();

        a.complete("m1");
        assertThat(a.next(first.laneKey())).contains(second);
        a.complete("m2");
        assertThat(a.next(first.laneKey())).isEmpty();

        IncomingMessage third = message("m3", "alice");
        b.admit(third);
        assertThat(b.claim(third)).as("a released the lane").isTrue();
    }

    @Test
    void a_message_behind_an_older_pending_one_of_its_lane_is_not_claimed() {
        instance("a").admit(message("m1", "alice"));
        IncomingMessage later = message("m2", "alice");
        instance("b").admit(later);

        assertThat(instance("b").claim(later)).isFalse();
        assertThat(instance("a").claim(message("m1", "alice"))).isTrue();
    }

    @Test
    void different_lanes_are_claimed_by_different_instances_at_once() {
        IncomingMessage alice = message("m1", "alice");
        IncomingMessage bob = message("m2", "bob");
        instance("a").admit(alice);
        instance("b").admit(bob);

        assertThat(instance("a").claim(alice)).isTrue();
        assertThat(instance("b").claim(bob)).isTrue();
    }

    @Test
    void a_lane_whose_instance_stopped_renewing_is_taken_over_after_the_lease_with_its_oldest_pending_message() {
        IncomingMessage inFlight = message("m1", "alice");
        IncomingMessage waiting = message("m2", "alice");
        instance("a").admit(inFlight);
        instance("a").claim(inFlight);
        instance("b").admit(waiting);

        assertThat(instance("b").takeOver(10)).as("a's lease still runs").isEmpty();
        clock().advance(lease().plusSeconds(1));

        assertThat(instance("b").takeOver(10)).containsExactly(inFlight);
        assertThat(instance("c").takeOver(10)).as("b holds it now").isEmpty();
        instance("b").complete("m1");
        assertThat(instance("b").next(inFlight.laneKey())).contains(waiting);
    }

    @Test
    void an_instance_whose_lane_was_taken_over_gets_none_of_its_messages_when_its_late_answer_ends() {
        IncomingMessage slow = message("m1", "alice");
        IncomingMessage waiting = message("m2", "alice");
        instance("a").admit(slow);
        instance("a").claim(slow);
        instance("a").admit(waiting);
        clock().advance(lease().plusSeconds(1));
        assertThat(instance("b").takeOver(10)).containsExactly(slow);

        instance("a").complete("m1"); // a's answer came after all, too late to keep the lane
        assertThat(instance("a").next(slow.laneKey())).isEmpty();
        assertThat(instance("b").next(slow.laneKey())).contains(waiting);
    }

    @Test
    void renewing_keeps_a_lane_from_being_taken_over() {
        IncomingMessage inFlight = message("m1", "alice");
        instance("a").admit(inFlight);
        instance("a").claim(inFlight);

        for (int i = 0; i < 3; i++) {
            clock().advance(lease().dividedBy(2));
            instance("a").renewLeases();
        }

        assertThat(instance("b").takeOver(10)).isEmpty();
    }

    @Test
    void take_over_gives_each_free_lane_to_one_caller_and_at_most_as_many_as_asked() {
        for (String sender : List.of("alice", "bob", "carol")) {
            IncomingMessage m = message("m-" + sender, sender);
            instance("dead").admit(m);
            instance("dead").claim(m);
        }
        clock().advance(lease().plusSeconds(1));

        List<IncomingMessage> first = instance("a").takeOver(2);
        List<IncomingMessage> rest = instance("b").takeOver(10);

        assertThat(first).hasSize(2);
        assertThat(rest).hasSize(1);
        assertThat(first).doesNotContainAnyElementsOf(rest);
    }

    @Test
    void a_message_admitted_while_its_lane_was_free_but_not_claimed_is_taken_over_without_waiting_for_a_lease() {
        IncomingMessage unclaimed = message("m1", "alice");
        instance("a").admit(unclaimed);

        assertThat(instance("b").takeOver(10)).containsExactly(unclaimed);
    }

    /** Starts {@link #clock()} somewhere fixed; for subclasses that build their clock. */
    protected static MutableClock aClock() {
        return new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    }
}
