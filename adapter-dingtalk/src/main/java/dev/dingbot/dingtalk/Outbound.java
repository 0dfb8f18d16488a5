package dev.dingbot.dingtalk;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ReplyChannel;

/** Where the answer to one incoming message goes: the outbound transport, seen from the inbound side. */
@FunctionalInterface
interface Outbound extends AutoCloseable {

    ReplyChannel channelFor(IncomingMessage message);

    /** For a message answered again after a restart; the same as {@link #channelFor} unless a channel can resume. */
    default ReplyChannel replayChannelFor(IncomingMessage message) {
        return channelFor(message);
    }

    /** Releases what the transport holds; nothing by default. */
    @Override
    default void close() {
    }
}
