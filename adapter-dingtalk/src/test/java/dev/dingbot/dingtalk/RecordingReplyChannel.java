package dev.dingbot.dingtalk;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the outbound transport: records which message each reply answered. */
final class RecordingReplyChannel implements ReplyChannel {

    record Sent(IncomingMessage inReplyTo, OutgoingMessage message) {
    }

    /** The channels a test's {@link Outbound} hands out all record here. */
    static final class Log implements Outbound {
        private final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public ReplyChannel channelFor(IncomingMessage message) {
            return new RecordingReplyChannel(message, sent);
        }

        List<Sent> sent() {
            return List.copyOf(sent);
        }
    }

    private final IncomingMessage inReplyTo;
    private final List<Sent> sent;

    private RecordingReplyChannel(IncomingMessage inReplyTo, List<Sent> sent) {
        this.inReplyTo = inReplyTo;
        this.sent = sent;
    }

    @Override
    public boolean send(OutgoingMessage message) {
        sent.add(new Sent(inReplyTo, message));
        return true;
    }
}
