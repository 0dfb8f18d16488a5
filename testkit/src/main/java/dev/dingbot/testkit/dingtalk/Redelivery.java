package dev.dingbot.testkit.dingtalk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * At-least-once delivery of bot messages, as the real gateway does it: a frame stays pending until the client ACKs
 * one of its copies with code 200. A pending frame that was never sent (no connection was open), whose connection
 * has closed, or that waited longer than the ACK timeout is pushed again, with a new header messageId and the same
 * data, to another open connection of its app when there is one; after {@code maxDeliveries} copies without an ACK
 * the gateway gives up on it.
 */
final class Redelivery implements AutoCloseable {

    /** Writes one CALLBACK frame of the app; returns the connection it went to, null when none would take it. */
    interface Courier {
        GatewayConnection deliver(String clientId, GatewayConnection preferred, GatewayConnection avoid,
                                  String messageId, String data);
    }

    private static final class Pending {
        final String clientId; // null: the app of the newest open connection
        final String data;
        GatewayConnection sentOn;
        long sentAt;
        int deliveries;
        boolean abandoned;

        Pending(String clientId, String data) {
            this.clientId = clientId;
            this.data = data;
        }
    }

    private final Duration ackTimeout;
    private final int maxDeliveries;
    private final Supplier<String> messageIds;
    private final Courier courier;
    private final Runnable onAbandoned;
    private final List<Pending> pending = new ArrayList<>();           // guarded by this; push order
    private final Map<String, Pending> byMessageId = new HashMap<>(); // guarded by this; every copy
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-gateway-redelivery");
        t.setDaemon(true);
        return t;
    });
    private int redeliveries; // guarded by this
    private int held;         // guarded by this
    private int abandoned;    // guarded by this

    Redelivery(Duration ackTimeout, int maxDeliveries, Supplier<String> messageIds, Courier courier,
               Runnable onAbandoned) {
        if (maxDeliveries < 1) throw new IllegalArgumentException("maxDeliveries must be at least 1");
        this.ackTimeout = ackTimeout;
        this.maxDeliveries = maxDeliveries;
        this.messageIds = messageIds;
        this.courier = courier;
        this.onAbandoned = onAbandoned;
        ticker.scheduleWithFixedDelay(this::tick, 50, 50, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends the frame now to {@code preferred} (or, when null or closed, to an open connection of the app), else
     * keeps it for the next connection; returns its messageId.
     */
    synchronized String push(String clientId, GatewayConnection preferred, String data) {
        Pending frame = new Pending(clientId, data);
        pending.add(frame);
        String messageId = messageIds.get();
        GatewayConnection target = courier.deliver(clientId, preferred, null, messageId, data);
        if (target == null) {
            held++;
        } else {
            sent(frame, target, messageId, System.nanoTime());
        }
        return messageId;
    }

    synchronized void acked(String messageId, int code) {
        Pending frame = byMessageId.get(messageId);
        if (code == 200 && frame != null) pending.remove(frame);
    }

    /** Frames not ACKed yet, those given up on included. */
    synchronized int pending() {
        return pending.size();
    }

    synchronized int held() {
        return held;
    }

    synchronized int redeliveries() {
        return redeliveries;
    }

    synchronized int abandoned() {
        return abandoned;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    private void sent(Pending frame, GatewayConnection target, String messageId, long now) {
        frame.sentOn = target;
        frame.sentAt = now;
        frame.deliveries++;
        byMessageId.put(messageId, frame);
    }

    private void tick() {
        if (resendDue()) onAbandoned.run(); // outside the lock: the listener may read this object's counts
    }

    /** Pushes again every due frame; returns whether it gave up on one. */
    private synchronized boolean resendDue() {
        long now = System.nanoTime();
        boolean gaveUp = false;
        for (Pending frame : pending) {
            boolean due = frame.sentOn == null || !frame.sentOn.isOpen() || now - frame.sentAt > ackTimeout.toNanos();
            if (frame.abandoned || !due) continue;
            if (frame.deliveries >= maxDeliveries) {
                frame.abandoned = true;
                abandoned++;
                gaveUp = true;
                continue;
            }
            String messageId = messageIds.get();
            GatewayConnection target = courier.deliver(frame.clientId, null, frame.sentOn, messageId, frame.data);
            if (target == null) continue;
            if (frame.sentOn != null) redeliveries++;
            sent(frame, target, messageId, now);
        }
        return gaveUp;
    }
}
