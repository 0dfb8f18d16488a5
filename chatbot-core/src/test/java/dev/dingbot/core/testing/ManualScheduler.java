package dev.dingbot.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler tests move by hand. Nothing runs until {@link #advance} or {@link #runDue}; then due tasks run on the
 * calling thread in the order they are due, and time (and the clock, when given) moves to each task's time before
 * it runs. After {@link #shutdown()} periodic tasks stop and delayed one-off tasks still run, as with
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor}; {@link #awaitTermination} lets time pass until they did.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final MutableClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long now;       // guarded by this
    private long sequence;  // guarded by this
    private boolean shutdown; // guarded by this

    /** Time starts at zero nanos and moves {@code clock} along with it. */
    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    public ManualScheduler() {
        this(null);
    }

    /** Where time stands, in nanos since this scheduler was made: the {@link System#nanoTime()} of its world. */
    public synchronized long nanoTime() {
        return now;
    }

    /** Lets {@code duration} pass, running every task that comes due meanwhile, including those they schedule. */
    public void advance(Duration duration) {
        advanceTo(nanoTime() + duration.toNanos());
    }

    /** Runs what is due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Tasks waiting to run, cancelled ones not counted. */
    public synchronized int queued() {
        queue.removeIf(FutureTask::isCancelled);
        return queue.size();
    }

    private void advanceTo(long target) {
        runDueBy(target);
        moveTo(target);
    }

    private void runDueBy(long target) {
        for (Task<?> next = nextDue(target); next != null; next = nextDue(target)) {
            next.run();
        }
    }

    /** Removes and returns the first task due by {@code target}, with time moved to it; null when none is. */
    private synchronized Task<?> nextDue(long target) {
        queue.removeIf(FutureTask::isCancelled);
        Task<?> head = queue.peek();
        if (head == null || head.due > target) return null;
        queue.poll();
        moveTo(Math.max(now, head.due));
        return head;
    }

    private synchronized void moveTo(long target) {
        if (target <= now) return;
        if (clock != null) clock.advance(Duration.ofNanos(target - now));
        now = target;
    }

    private synchronized <V> Task<V> enqueue(Task<V> task) {
        if (shutdown) throw new RejectedExecutionException("shut down");
        queue.add(task);
        return task;
    }

    private synchronized void requeue(Task<?> task) {
        if (!shutdown) queue.add(task);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return schedule(Executors.callable(command, null), delay, unit);
    }

    @Override
    public synchronized <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, now + Math.max(0, unit.toNanos(delay)), 0));
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                                                               TimeUnit unit) {
        return enqueue(new Task<>(Executors.callable(command, null), now + unit.toNanos(initialDelay),
                unit.toNanos(period)));
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                                  TimeUnit unit) {
        return enqueue(new Task<>(Executors.callable(command, null), now + unit.toNanos(initialDelay),
                -unit.toNanos(delay)));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
        queue.removeIf(Task::isPeriodic);
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queued() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        if (!isShutdown()) return false;
        long target = nanoTime() + unit.toNanos(timeout);
        runDueBy(target);
        if (!isTerminated()) moveTo(target);
        return isTerminated();
    }

    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private final long id;
        private final long period; // 0: once; > 0: at a fixed rate; < 0: with a fixed delay
        private long due;

        Task(Callable<V> callable, long due, long period) {
            super(callable);
            this.id = sequence++;
            this.due = due;
            this.period = period;
        }

        @Override
        public boolean isPeriodic() {
            return period != 0;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
            } else if (runAndReset()) {
                due = period > 0 ? due + period : nanoTime() - period;
                requeue(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byDue = Long.compare(due, that.due);
            return byDue != 0 ? byDue : Long.compare(id, that.id);
        }
    }
}
