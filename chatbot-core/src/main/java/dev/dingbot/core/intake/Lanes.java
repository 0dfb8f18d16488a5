package dev.dingbot.core.intake;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One FIFO per key on shared executors: tasks of a key run one after another in arrival order, tasks of
 * different keys in parallel, at most {@code workers} at a time. A light task (a reply that needs no model) keeps
 * its place in its key's order but takes no worker, so it is never queued behind other keys' model work; and a
 * key whose next task is light runs on the reply threads, not the answers' ones, so that it does not wait for a
 * turn among thousands of streaming answers either (on Java 21+ those are virtual threads sharing as many carrier
 * threads as there are CPUs, first come first served). At most {@code capacity} tasks wait or run at once, and at
 * most {@code perKey} of one key; past either, submit says no.
 *
 * <p>A task is done when the stage it returns is: one that waits for something (an answer streamed without a
 * thread) gives its thread back meanwhile, keeps its worker and its place at the head of its key, and the key's next
 * task starts on the executor once it is done. A key whose heavy task finds every worker taken holds no thread
 * either: it waits in line, and a worker given back goes to the key that has waited longest.
 */
final class Lanes {

    /** What {@link #submit} did with a task. */
    enum Submitted { QUEUED, KEY_FULL, ALL_FULL }

    /** How much a task holds: a {@code HEAVY} one takes one of the workers while it runs. */
    enum Weight { LIGHT, HEAVY }

    private record Task(Supplier<? extends CompletionStage<?>> work, Weight weight) {
    }

    private final ExecutorService executor;
    private final ExecutorService replyExecutor;
    /** Guards {@link #freeWorkers} and {@link #waitingForWorker}. */
    private final Object workerLock = new Object();
    private int freeWorkers;
    private final ArrayDeque<String> waitingForWorker = new ArrayDeque<>();
    private final int capacity;
    private final int perKey;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Notified when {@link #inFlight} drops to zero. */
    private final Object allDone = new Object();
    private final Map<String, ArrayDeque<Task>> lanes = new ConcurrentHashMap<>();

    /**
     * @param executor      runs the keys whose next task is heavy
     * @param replyExecutor runs the keys whose next task is light, until a heavy one comes up
     */
    Lanes(ExecutorService executor, ExecutorService replyExecutor, int workers, int capacity, int perKey) {
        this.executor = executor;
        this.replyExecutor = replyExecutor;
        this.freeWorkers = workers;
        this.capacity = capacity;
        this.perKey = perKey;
    }

    /**
     * Queues the task behind earlier ones of its key, unless a bound is hit (then nothing is queued). Throws
     * {@link RejectedExecutionException} once the lanes are shut down.
     */
    Submitted submit(String key, Weight weight, Supplier<? extends CompletionStage<?>> work) {
        if (inFlight.incrementAndGet() > capacity) {
            uncount(1);
            return Submitted.ALL_FULL;
        }
        if (!enqueue(key, new Task(work, weight), perKey)) {
            uncount(1);
            return Submitted.KEY_FULL;
        }
        return Submitted.QUEUED;
    }

    /** Queues the task whatever the bounds: for messages replayed after a restart. */
    void force(String key, Supplier<? extends CompletionStage<?>> work) {
        inFlight.incrementAndGet();
        enqueue(key, new Task(work, Weight.HEAVY), Integer.MAX_VALUE);
    }

    int inFlight() {
        return inFlight.get();
    }

    void shutdown() {
        executor.shutdown();
        replyExecutor.shutdown();
    }

    /** After {@link #shutdown}: waits until every task started has finished, also those waiting without a thread. */
    boolean awaitTermination(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (!executor.awaitTermination(millis, TimeUnit.MILLISECONDS)
                || !replyExecutor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            return false;
        }
        synchronized (allDone) {
            long left;
            while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(allDone, left);
            }
        }
        return inFlight.get() == 0;
    }

    void shutdownNow() {
        executor.shutdownNow();
        replyExecutor.shutdownNow();
    }

    /** False when the key already has {@code limit} tasks waiting or running. */
    private boolean enqueue(String key, Task task, int limit) {
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
            startDraining(key, task.weight());
        } catch (RejectedExecutionException shuttingDown) {
            forget(key);
            throw shuttingDown;
        }
        return true;
    }

    /** {@link #startDraining}, or when the lanes are shut down, {@link #forget} the key. */
    private void drainLater(String key, Weight head) {
        try {
            startDraining(key, head);
        } catch (RejectedExecutionException shuttingDown) {
            forget(key);
        }
    }

    /** Drains the key on the threads for its next task: the reply threads for a light one. */
    private void startDraining(String key, Weight head) {
        if (head == Weight.LIGHT) {
            replyExecutor.execute(() -> drain(key, true, false));
        } else {
            executor.execute(() -> drain(key, false, false));
        }
    }

    /**
     * Runs the key's tasks until its queue is empty; the empty queue is removed in the same atomic step. On a reply
     * thread it stops at the first heavy task and hands the key over to the answers' threads, which may run light
     * tasks too: those have waited for the heavy work of their own key anyway. A task still waiting when it returns
     * its stage ends the drain; the key drains on once the stage is done. A heavy task with no worker free ends it
     * too: the key drains on when a worker is handed to it.
     *
     * @param holdsWorker whether a worker was handed to this key for its heavy head
     */
    private void drain(String key, boolean onReplyThread, boolean holdsWorker) {
        Task next = headOf(key);
        boolean handedWorker = holdsWorker;
        while (next != null) {
            boolean heavy = next.weight() == Weight.HEAVY;
            if (onReplyThread && heavy) {
                drainLater(key, Weight.HEAVY);
                return;
            }
            if (heavy && !handedWorker && !takeWorkerOrWait(key)) return;
            handedWorker = false;
            CompletableFuture<?> running = start(next);
            if (!running.isDone()) {
                running.whenComplete((done, failure) -> drainNext(key));
                return;
            }
            next = removeHeadAndPeek(key);
        }
    }

    private void drainNext(String key) {
        Task next = removeHeadAndPeek(key);
        if (next != null) drainLater(key, next.weight());
    }

    /** Drops the key's queue when no thread will drain it (shutting down): its messages stay pending in the inbox. */
    private void forget(String key) {
        ArrayDeque<Task> left = lanes.remove(key);
        if (left != null) uncount(left.size());
    }

    /** Takes a free worker for the key, or puts the key in line for the next one given back. */
    private boolean takeWorkerOrWait(String key) {
        synchronized (workerLock) {
            if (freeWorkers > 0) {
                freeWorkers--;
                return true;
            }
            waitingForWorker.add(key);
            return false;
        }
    }

    /** Hands the worker to the key that has waited longest, which drains on with it; else it is free again. */
    private void giveWorkerBack() {
        while (true) {
            String waiting;
            synchronized (workerLock) {
                waiting = waitingForWorker.poll();
                if (waiting == null) {
                    freeWorkers++;
                    return;
                }
            }
            try {
                executor.execute(() -> drain(waiting, false, true));
                return;
            } catch (RejectedExecutionException shuttingDown) {
                forget(waiting); // and the worker goes to the next in line, forgotten too
            }
        }
    }

    /** Starts the task, a heavy one holding its worker; its worker and its count are given back when it is done. */
    private CompletableFuture<?> start(Task task) {
        boolean heavy = task.weight() == Weight.HEAVY;
        CompletableFuture<?> running;
        try {
            running = task.work().get().toCompletableFuture();
        } catch (RuntimeException | Error e) {
            release(heavy);
            throw e;
        }
        return running.whenComplete((done, failure) -> release(heavy));
    }

    private void release(boolean heavy) {
        if (heavy) giveWorkerBack();
        uncount(1);
    }

    private void uncount(int tasks) {
        if (inFlight.addAndGet(-tasks) > 0) return;
        synchronized (allDone) {
            allDone.notifyAll();
        }
    }

    private Task headOf(String key) {
        Task[] head = {null};
        lanes.computeIfPresent(key, (k, queue) -> {
            head[0] = queue.peek();
            return queue;
        });
        return head[0];
    }

    private Task removeHeadAndPeek(String key) {
        Task[] head = {null};
        lanes.computeIfPresent(key, (k, queue) -> {
            queue.poll();
            head[0] = queue.peek();
            return queue.isEmpty() ? null : queue;
        });
        return head[0];
    }
}
