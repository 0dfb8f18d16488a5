package dev.dingbot.core;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ReplyChannel;

import java.time.Duration;
import java.util.function.Function;

/**
 * The driving port: everything a channel needs to feed messages in. {@link #handle} returns at once; the answer
 * is worked out on the bot's own threads and posted through the channel.
 */
public interface ChatBot {

    /** What became of a handed-in message. */
    enum Admission {
        /** Queued; it will be answered. */
        ACCEPTED,
        /** Its msgId was seen before: a redelivery, dropped. */
        DUPLICATE,
        /** Older than the stale window: dropped unanswered. */
        STALE,
        /** Too much work queued: the user is told to try again (once a minute). */
        BUSY,
        /** The sender has too many messages waiting in this conversation: refused, with one notice a minute. */
        TOO_MANY,
        /** A question from a sender who used up today's quota: refused before queueing, with the quota reply. */
        OVER_QUOTA,
        /** The bot is shutting down: the message is kept and answered after the restart. */
        CLOSED,
        /**
         * The inbox could not record it (a full disk, an I/O error): not taken, so the channel must not confirm it
         * and it may be delivered again; the user is told to try later.
         */
        NOT_SAVED
    }

    Admission handle(IncomingMessage message, ReplyChannel channel);

    /**
     * Answers messages admitted before a restart but never completed. {@code channels} rebuilds a reply channel
     * from a message's route; it is kept for messages this instance answers without having received them (with an
     * inbox several instances share: the next message of a conversation it is answering, a conversation taken over
     * from an instance that died), so call it before messages arrive. Returns how many were queued: none with a
     * shared inbox, whose pending messages are taken over lane by lane instead.
     */
    int replayPending(Function<IncomingMessage, ReplyChannel> channels);

    /** Messages this instance has queued or is answering now. */
    int inFlight();

    /** Stops intake and waits up to {@code grace} for answers in flight; true when all finished. */
    boolean shutdown(Duration grace);
}
