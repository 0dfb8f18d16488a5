package dev.dingbot.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The storage's one background thread: background forces, compaction and closing idle files, so that no answer
 * waits for them; and the {@link WriteHealth} that every file of the storage reports to. Closing it runs what is
 * queued before it returns.
 */
final class Upkeep implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Upkeep.class);

    private String lastFailure = ""; // only touched on the upkeep thread
    private final WriteHealth health = new WriteHealth();
    private final ScheduledExecutorService thread;

    Upkeep() {
        this(Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "dingbot-storage-upkeep");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Upkeep on {@code thread}, which must run one task at a time; closing the upkeep shuts it down. */
    Upkeep(ScheduledExecutorService thread) {
        this.thread = thread;
    }

    WriteHealth health() {
        return health;
    }

    /** Runs {@code task} soon; after {@link #close()} not at all. */
    void execute(String what, Runnable task) {
        try {
            thread.execute(() -> runLogged(what, task));
        } catch (RejectedExecutionException closed) {
            log.debug("storage closed: skipping {}", what);
        }
    }

    /** Runs {@code task} every {@code interval} until closed; a failure is logged and the next run comes anyway. */
    void every(Duration interval, String what, Runnable task) {
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(() -> runLogged(what, task), millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdown(); // periodic tasks stop; queued one-off tasks still run
        try {
            if (!thread.awaitTermination(60, TimeUnit.SECONDS)) log.warn("storage upkeep still busy after 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runLogged(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // a failing disk fails every second: the stack trace once, then one line per failure
            String failure = what + ": " + e;
            if (failure.equals(lastFailure)) {
                log.warn("storage upkeep: {} failed again: {}", what, e.toString());
            } else {
                log.warn("storage upkeep: {} failed", what, e);
            }
            lastFailure = failure;
        }
    }
}
