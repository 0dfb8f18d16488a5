package dev.dingbot.testkit.dingtalk;

import java.util.Optional;

/**
 * One bot-message frame the gateway wrote to a connection, with the client's answer to it so far.
 *
 * @param msgId      the payload's {@code msgId}, the same for every copy of a message; empty when the payload has none
 * @param messageId  the frame's header messageId, new for every copy
 * @param connection where the frame went
 * @param sentNanos  {@link System#nanoTime()} when it was written
 * @param ack        what the client answered to this frame, empty while it has not answered
 */
public record StreamDelivery(String msgId, String messageId, StreamConnection connection, long sentNanos,
                             Optional<StreamAck> ack) {

    /** Whether the client ACKed this frame with code 200. */
    public boolean acked() {
        return ack.filter(a -> a.code() == 200).isPresent();
    }
}
