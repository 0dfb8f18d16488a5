package dev.dingbot.storage.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Tasks released at the same moment, each on a thread of its own, for what instances do at once. */
final class Race {

    private Race() {
    }

    /** Runs {@code tasks} tasks, the {@code t}-th being {@code task.apply(t)}, all at once; their results in order. */
    static <T> List<T> atOnce(int tasks, IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> running = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                Callable<T> mine = task.apply(t);
                running.add(pool.submit(() -> {
                    start.await();
                    return mine.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : running) results.add(f.get(60, TimeUnit.SECONDS));
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
