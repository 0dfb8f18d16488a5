package dev.dingbot.core.port;

import dev.dingbot.core.model.IncomingMessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * De-duplication and durability of incoming messages, keyed by {@link IncomingMessage#msgId()}; and, for a store
 * several instances of the bot share, the work queue that gives each message to exactly one of them.
 *
 * <p>A store one process owns answers the sharing methods trivially (every message is this instance's, there is
 * no lease), which is what their defaults do. A shared store hands out <em>lanes</em> (one conversation+sender,
 * {@link IncomingMessage#laneKey()}): an instance claims a lane with a lease it renews while it answers, answers
 * the lane's messages in the order they were admitted, one at a time, and releases it when none is left. A lane
 * whose instance stopped renewing is taken over by another.
 */
public interface Inbox {

    /**
     * Records the message as pending; false when its msgId was seen before (a redelivery), by this instance or,
     * for a shared store, by any other.
     *
     * @throws RuntimeException when it cannot be recorded (e.g. the disk is full, the database is down); the msgId
     *                          is then not seen, so the same message is admitted when it comes again
     */
    boolean admit(IncomingMessage message);

    /** Marks the message answered; it stays "seen" for the de-duplication window. */
    void complete(String msgId);

    /** Admitted messages never completed, oldest first: answered again after a restart (one process's store). */
    List<IncomingMessage> pending();

    /**
     * Whether this instance answers the admitted {@code message} now: it is the oldest pending message of its lane,
     * and the lane is free or already this instance's (then it is claimed, with a lease). When not, the message
     * waits: the instance holding the lane takes it {@link #next} in order, or whoever {@link #takeOver takes the
     * lane over}.
     */
    default boolean claim(IncomingMessage message) {
        return true;
    }

    /**
     * After a message of {@code laneKey} was completed by this instance: the lane's next pending message, claimed
     * for this instance; empty when none is left (the lane is released), or when another instance took the lane
     * over meanwhile (it stays that one's).
     */
    default Optional<IncomingMessage> next(String laneKey) {
        return Optional.empty();
    }

    /**
     * Lanes with pending messages that no live instance holds (their lease ran out, or they were released while a
     * message was waiting): claimed now for this instance; their oldest pending message each, at most {@code max}.
     */
    default List<IncomingMessage> takeOver(int max) {
        return List.of();
    }

    /** Extends the leases of the lanes this instance holds; called well within {@link #lease()}. */
    default void renewLeases() {
    }

    /** How long a claim holds without renewal; empty for a store one process owns, which needs no leases. */
    default Optional<Duration> lease() {
        return Optional.empty();
    }
}
