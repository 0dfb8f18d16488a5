package dev.dingbot.core.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualSchedulerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void nothing_runs_until_time_passes_and_then_in_due_order_at_its_own_time() {
        scheduler.schedule(() -> ran.add("b@" + scheduler.nanoTime()), 20, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> ran.add("a@" + scheduler.nanoTime()), 10, TimeUnit.MILLISECONDS);
        scheduler.execute(() -> ran.add("now"));
        assertThat(ran).isEmpty();

        scheduler.advance(Duration.ofMillis(15));
        assertThat(ran).containsExactly("now", "a@10000000");
        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00.015Z"));

        scheduler.advance(Duration.ofMillis(5));
        assertThat(ran).containsExactly("now", "a@10000000", "b@20000000");
    }

    @Test
    void a_fixed_delay_task_runs_once_per_delay_and_a_cancelled_task_never() {
        scheduler.scheduleWithFixedDelay(() -> ran.add("tick"), 5, 5, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> cancelled = scheduler.schedule(() -> ran.add("cancelled"), 1, TimeUnit.MILLISECONDS);
        cancelled.cancel(false);

        scheduler.advance(Duration.ofMillis(15));

        assertThat(ran).containsExactly("tick", "tick", "tick");
    }

    @Test
    void a_task_scheduled_by_a_running_task_runs_in_the_same_advance_when_it_comes_due() {
        scheduler.schedule(() -> scheduler.schedule(() -> ran.add("second"), 5, TimeUnit.MILLISECONDS),
                5, TimeUnit.MILLISECONDS);

        scheduler.advance(Duration.ofMillis(10));

        assertThat(ran).containsExactly("second");
    }

    @Test
    void after_shutdown_periodic_tasks_stop_one_off_tasks_still_run_and_new_ones_are_refused() {
        scheduler.scheduleAtFixedRate(() -> ran.add("tick"), 1, 1, TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> ran.add("late"), 50, TimeUnit.MILLISECONDS);

        scheduler.shutdown();

        assertThatThrownBy(() -> scheduler.execute(() -> ran.add("refused")))
                .isInstanceOf(RejectedExecutionException.class);
        assertThat(scheduler.isTerminated()).isFalse();
        assertThat(scheduler.awaitTermination(1, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("late");
        assertThat(scheduler.nanoTime()).as("waited only as long as the last task").isEqualTo(50_000_000);
    }
}
