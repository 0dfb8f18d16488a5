package dev.dingbot.testkit.dingtalk;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At-least-once delivery of bot messages, as the real gateway does it: a frame stays pending until the client ACKs
 * it with code 200. A pending frame that was never sent (no connection was open), whose connection has closed, or
 * that waited longer than the ACK timeout is pushed again, with a new header messageId and the same data, to the
 * newest open connection.
 */
final class Redelivery implements AutoCloseable {

    /** Sends one CALLBACK frame with this messageId; false when it could not be written. */
    interface FrameWriter {
        boolean write(GatewayConnection target, String messageId, String data);
    }

    private static final class Pending {
        final String data;
        GatewayConnection sentOn;
        long sentAt;

        Pending(String data) {
            this.data = data;
        }
    }

    private final Duration ackTimeout;
    private final Supplier<GatewayConnection> newestOpen;
    private final Supplier<String> messageIds;
    private final FrameWriter writer;
    private final Map<String, Pending> pending = new LinkedHashMap<>(); // guarded by this; push order
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-gateway-redelivery");
        t.setDaemon(true);
        return t;
    });
    private int redeliveries; // guarded by this
    private int held;         // guarded by this

    Redelivery(Duration ackTimeout, Supplier<GatewayConnection> newestOpen, Supplier<String> messageIds,
               FrameWriter writer) {
        this.ackTimeout = ackTimeout;
        this.newestOpen = newestOpen;
        this.messageIds = messageIds;
        this.writer = writer;
        ticker.scheduleWithFixedDelay(this::tick, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** Sends the frame now if a connection is open, else keeps it for the next one; returns its messageId. */
    synchronized String push(String data) {
        String messageId = messageIds.get();
        Pending frame = new Pending(data);
        pending.put(messageId, frame);
        GatewayConnection target = newestOpen.get();
        if (target != null && writer.write(target, messageId, data)) {
            frame.sentOn = target;
            frame.sentAt = System.nanoTime();
        } else {
            held++;
        }
        return messageId;
    }

    synchronized void acked(String messageId, int code) {
        if (code == 200) pending.remove(messageId);
    }

    synchronized int pending() {
        return pending.size();
    }

    synchronized int held() {
        return held;
    }

    synchronized int redeliveries() {
        return redeliveries;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private synchronized void tick() {
        GatewayConnection target = newestOpen.get();
        if (target == null || pending.isEmpty()) return;
        long now = System.nanoTime();
        Map<String, Pending> resent = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Pending frame = it.next().getValue();
            boolean due = frame.sentOn == null || !frame.sentOn.isOpen() || now - frame.sentAt > ackTimeout.toNanos();
            if (!due) continue;
            String messageId = messageIds.get();
            if (!writer.write(target, messageId, frame.data)) break;
            if (frame.sentOn != null) redeliveries++;
            frame.sentOn = target;
            frame.sentAt = now;
            it.remove();
            resent.put(messageId, frame);
        }
        pending.putAll(resent);
    }
}
