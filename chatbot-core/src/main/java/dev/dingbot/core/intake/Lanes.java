package dev.dingbot.core.intake;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One FIFO per key on a shared executor: tasks of a key run one after another in arrival order, tasks of
 * different keys in parallel, at most {@code workers} at a time. At most {@code capacity} tasks wait or run at
 * once, and at most {@code perKey} of one key; past either, submit says no.
 */
final class Lanes {

    /** What {@link #submit} did with a task. */
    enum Submitted { QUEUED, KEY_FULL, ALL_FULL }

    private final ExecutorService executor;
    private final Semaphore workers;
    private final int capacity;
    private final int perKey;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, ArrayDeque<Runnable>> lanes = new ConcurrentHashMap<>();

    Lanes(ExecutorService executor, int workers, int capacity, int perKey) {
        this.executor = executor;
        this.workers = new Semaphore(workers);
        this.capacity = capacity;
        this.perKey = perKey;
    }

    /**
     * Queues the task behind earlier ones of its key, unless a bound is hit (then nothing is queued). Throws
     * {@link RejectedExecutionException} once the lanes are shut down.
     */
    Submitted submit(String key, Runnable task) {
        if (inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            return Submitted.ALL_FULL;
        }
        if (!enqueue(key, task, perKey)) {
            inFlight.decrementAndGet();
            return Submitted.KEY_FULL;
        }
        return Submitted.QUEUED;
    }

    /** Queues the task whatever the bounds: for messages replayed after a restart. */
    void force(String key, Runnable task) {
        inFlight.incrementAndGet();
        enqueue(key, task, Integer.MAX_VALUE);
    }

    int inFlight() {
        return inFlight.get();
    }

    void shutdown() {
        executor.shutdown();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    void shutdownNow() {
        executor.shutdownNow();
    }

    /** False when the key already has {@code limit} tasks waiting or running. */
    private boolean enqueue(String key, Runnable task, int limit) {
        boolean[] idle = {false};
        boolean[] full = {false};
        lanes.compute(key, (k, queue) -> {
            if (queue == null) {
                queue = new ArrayDeque<>();
                idle[0] = true;
            }
            if (queue.size() >= limit) {
                full[0] = true;
            } else {
                queue.add(task);
            }
            return queue;
        });
        if (full[0]) return false;
        if (!idle[0]) return true;
        try {
            executor.execute(() -> drain(key));
        } catch (RejectedExecutionException shuttingDown) {
            lanes.remove(key);
            inFlight.addAndGet(-1);
            throw shuttingDown;
        }
        return true;
    }

    /** Runs the key's tasks until its queue is empty; the empty queue is removed in the same atomic step. */
    private void drain(String key) {
        Runnable next = headOf(key);
        while (next != null) {
            try {
                workers.acquireUninterruptibly();
                try {
                    next.run();
                } finally {
                    workers.release();
                }
            } finally {
                inFlight.decrementAndGet();
            }
            next = removeHeadAndPeek(key);
        }
    }

    private Runnable headOf(String key) {
        Runnable[] head = {null};
        lanes.computeIfPresent(key, (k, queue) -> {
            head[0] = queue.peek();
            return queue;
        });
        return head[0];
    }

    private Runnable removeHeadAndPeek(String key) {
        Runnable[] head = {null};
        lanes.computeIfPresent(key, (k, queue) -> {
            queue.poll();
            head[0] = queue.peek();
            return queue.isEmpty() ? null : queue;
        });
        return head[0];
    }
}
