package dev.dingbot.core.contract;

import dev.dingbot.core.port.QuotaStore;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link QuotaStore} promises. Subclasses give a fresh, empty store per test. */
public abstract class QuotaStoreContract {

    protected static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    protected abstract QuotaStore store();

    @Test
    void requests_are_counted_up_to_the_limit_and_refused_after() {
        assertThat(store().tryAcquire("alice", DAY, 2)).isTrue();
        assertThat(store().tryAcquire("alice", DAY, 2)).isTrue();
        assertThat(store().tryAcquire("alice", DAY, 2)).isFalse();
        assertThat(store().used("alice", DAY)).isEqualTo(2);
        assertThat(store().used("bob", DAY)).isZero();
    }

    @Test
    void a_released_request_can_be_taken_again() {
        store().tryAcquire("alice", DAY, 1);
        store().release("alice", DAY);

        assertThat(store().used("alice", DAY)).isZero();
        assertThat(store().tryAcquire("alice", DAY, 1)).isTrue();
    }

    @Test
    void releasing_more_than_was_counted_never_goes_below_zero() {
        store().release("alice", DAY);
        store().tryAcquire("alice", DAY, 5);
        store().release("alice", DAY);
        store().release("alice", DAY);

        assertThat(store().used("alice", DAY)).isZero();
    }

    @Test
    void a_limit_reached_on_one_day_does_not_hold_on_the_next() {
        assertThat(store().tryAcquire("alice", DAY, 1)).isTrue();
        assertThat(store().tryAcquire("alice", DAY, 1)).isFalse();

        assertThat(store().tryAcquire("alice", DAY.plusDays(1), 1)).isTrue();
        assertThat(store().used("alice", DAY.plusDays(1))).isEqualTo(1);
    }

    @Test
    void many_threads_never_count_past_the_limit() throws Exception {
        int threads = 16;
        int attemptsEach = 50;
        int limit = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                granted.add(pool.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (int i = 0; i < attemptsEach; i++) {
                        if (store().tryAcquire("alice", DAY, limit)) mine++;
                    }
                    return mine;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : granted) total += f.get(30, TimeUnit.SECONDS);

            assertThat(total).isEqualTo(limit);
            assertThat(store().used("alice", DAY)).isEqualTo(limit);
        } finally {
            pool.shutdownNow();
        }
    }
}
