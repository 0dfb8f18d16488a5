package dev.dingbot.core.port;

import dev.dingbot.core.model.IncomingMessage;

import java.util.List;

/** De-duplication and durability of incoming messages, keyed by {@link IncomingMessage#msgId()}. */
public interface Inbox {

    /**
     * Records the message as pending; false when its msgId was seen before (a redelivery).
     *
     * @throws RuntimeException when it cannot be recorded (e.g. the disk is full); the msgId is then not seen, so
     *                          the same message is admitted when it comes again
     */
    boolean admit(IncomingMessage message);

    /** Marks the message answered; it stays "seen" for the de-duplication window. */
    void complete(String msgId);

    /** Admitted messages never completed, oldest first: answered again after a restart. */
    List<IncomingMessage> pending();
}
