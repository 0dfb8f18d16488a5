package dev.dingbot.app.wiring;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;

/**
 * SIGTERM and SIGINT as an ordinary event. Handling them ourselves, instead of in a shutdown hook, lets the bot
 * finish answers in flight and then exit with 0, which is what systemd and Docker expect of a clean stop.
 */
final class TerminationSignals {

    private TerminationSignals() {
    }

    /** A latch that opens on the first SIGTERM or SIGINT. */
    static CountDownLatch latch() {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[]{"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        }
        return stop;
    }
}
