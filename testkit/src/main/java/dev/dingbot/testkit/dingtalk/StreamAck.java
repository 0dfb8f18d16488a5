package dev.dingbot.testkit.dingtalk;

import java.time.Duration;

/**
 * One frame the client sent back over the Stream WebSocket: an ACK of a callback or the answer to a SYSTEM ping.
 *
 * @param messageId     the header messageId the client echoed
 * @param code          200 when handled, 404 unknown topic, 500 client error
 * @param data          the ACK's data string ({@code {"response":...}} for a bot callback, the echoed ping data),
 *                      empty when absent
 * @param raw           the whole frame as received
 * @param sentNanos     {@link System#nanoTime()} when the gateway pushed the frame; 0 when it was not pushed by
 *                      this gateway
 * @param receivedNanos {@link System#nanoTime()} when the ACK arrived
 */
public record StreamAck(String messageId, int code, String message, String data, String raw,
                        long sentNanos, long receivedNanos) {

    /** Time from pushing the frame to receiving its ACK; zero when the push time is unknown. */
    public Duration latency() {
        return sentNanos == 0 ? Duration.ZERO : Duration.ofNanos(receivedNanos - sentNanos);
    }
}
