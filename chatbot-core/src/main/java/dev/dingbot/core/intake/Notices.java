package dev.dingbot.core.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Short replies that refuse a message (busy, too many, quota used up), sent on a thread of their own so handing
 * in never waits for the platform. They cannot pile up: at most {@link #CAPACITY} wait, and one that could not go
 * out within {@link #MAX_DELAY} of its refusal is dropped, since "try again later" minutes later helps nobody.
 * The refused message is completed either way.
 */
final class Notices {

    static final int CAPACITY = 100;
    static final Duration MAX_DELAY = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    private final Clock clock;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(CAPACITY), task -> {
                Thread t = new Thread(task, "notices");
                t.setDaemon(true);
                return t;
            });

    Notices(Clock clock) {
        this.clock = clock;
    }

    /** Runs {@code send} soon, or not at all when it would be late; runs {@code complete} in any case. */
    void post(Runnable send, Runnable complete) {
        Instant refusedAt = clock.instant();
        try {
            sender.execute(() -> {
                try {
                    if (clock.instant().isAfter(refusedAt.plus(MAX_DELAY))) {
                        log.debug("dropped a notice that would have been late");
                    } else {
                        send.run();
                    }
                } finally {
                    complete.run();
                }
            });
        } catch (RejectedExecutionException fullOrShutDown) {
            complete.run();
        }
    }

    void shutdown() {
        sender.shutdown();
    }
}
