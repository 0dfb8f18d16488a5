package dev.dingbot.core.intake;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanesTest {

    @Test
    void tasks_of_one_key_run_in_arrival_order() throws InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        Lanes lanes = new Lanes(executor, executor, 4, 100, 100);
        List<Integer> order = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            int n = i;
            submit(lanes, "k", Lanes.Weight.HEAVY, () -> {
                synchronized (order) {
                    order.add(n);
                }
                done.countDown();
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).isSorted().hasSize(20);
        executor.shutdown();
    }

    @Test
    void the_bound_refuses_work_beyond_capacity_and_counts_nothing_for_it() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch hold = new CountDownLatch(1);
        Lanes lanes = new Lanes(executor, executor, 1, 2, 5);
        Runnable blocked = waitingFor(hold);
        assertThat(submit(lanes, "a", Lanes.Weight.HEAVY, blocked)).isEqualTo(Lanes.Submitted.QUEUED);
        assertThat(submit(lanes, "b", Lanes.Weight.HEAVY, blocked)).isEqualTo(Lanes.Submitted.QUEUED);
        assertThat(submit(lanes, "c", Lanes.Weight.HEAVY, blocked)).isEqualTo(Lanes.Submitted.ALL_FULL);
        assertThat(lanes.inFlight()).isEqualTo(2);
        hold.countDown();
        executor.shutdown();
    }

    @Test
    void one_key_holds_at_most_its_own_bound_and_leaves_room_for_the_others() {
        ExecutorService executor = Executors.newFixedThreadPool(2);
        CountDownLatch hold = new CountDownLatch(1);
        Lanes lanes = new Lanes(executor, executor, 2, 100, 3);
        Runnable blocked = waitingFor(hold);
        List<Lanes.Submitted> flood = new ArrayList<>();
        for (int i = 0; i < 10; i++) flood.add(submit(lanes, "flooder", Lanes.Weight.HEAVY, blocked));
        assertThat(flood.subList(0, 3)).containsOnly(Lanes.Submitted.QUEUED);
        assertThat(flood.subList(3, 10)).containsOnly(Lanes.Submitted.KEY_FULL);
        assertThat(submit(lanes, "other", Lanes.Weight.HEAVY, blocked)).isEqualTo(Lanes.Submitted.QUEUED);
        assertThat(lanes.inFlight()).isEqualTo(4);
        hold.countDown();
        executor.shutdown();
    }

    @Test
    void a_submit_after_shutdown_is_refused_and_leaves_nothing_behind() {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Lanes lanes = new Lanes(executor, executor, 1, 10, 5);
        lanes.shutdown();
        assertThatThrownBy(() -> submit(lanes, "k", Lanes.Weight.HEAVY, () -> { })).isInstanceOf(RejectedExecutionException.class);
        assertThat(lanes.inFlight()).isZero();
    }

    @Test
    void a_light_task_of_another_key_runs_while_every_worker_is_busy_with_heavy_ones() throws InterruptedException {
        ExecutorService executor = Executors.newCachedThreadPool();
        CountDownLatch hold = new CountDownLatch(1);
        Lanes lanes = new Lanes(executor, executor, 2, 100, 5);
        CountDownLatch busy = new CountDownLatch(2);
        Runnable blocked = () -> {
            busy.countDown();
            waitingFor(hold).run();
        };
        submit(lanes, "a", Lanes.Weight.HEAVY, blocked);
        submit(lanes, "b", Lanes.Weight.HEAVY, blocked);
        assertThat(busy.await(10, TimeUnit.SECONDS)).as("both workers taken").isTrue();
        CountDownLatch heavyRan = new CountDownLatch(1);
        CountDownLatch lightRan = new CountDownLatch(1);
        submit(lanes, "c", Lanes.Weight.HEAVY, heavyRan::countDown);
        submit(lanes, "d", Lanes.Weight.LIGHT, lightRan::countDown);

        assertThat(lightRan.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(heavyRan.getCount()).isEqualTo(1);
        hold.countDown();
        assertThat(heavyRan.await(10, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();
    }

    @Test
    void a_light_task_still_waits_for_the_earlier_tasks_of_its_own_key() throws InterruptedException {
        ExecutorService executor = Executors.newCachedThreadPool();
        CountDownLatch hold = new CountDownLatch(1);
        Lanes lanes = new Lanes(executor, executor, 2, 100, 5);
        List<String> order = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        submit(lanes, "k", Lanes.Weight.HEAVY, () -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (order) {
                order.add("question");
            }
            done.countDown();
        });
        submit(lanes, "k", Lanes.Weight.LIGHT, () -> {
            synchronized (order) {
                order.add("command");
            }
            done.countDown();
        });
        hold.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("question", "command");
        executor.shutdown();
    }

    @Test
    void a_key_whose_next_task_is_light_runs_on_the_reply_threads_and_hands_over_at_its_next_heavy_one()
            throws InterruptedException {
        ExecutorService answers = Executors.newCachedThreadPool(named("answer"));
        ExecutorService replies = Executors.newCachedThreadPool(named("reply"));
        Lanes lanes = new Lanes(answers, replies, 2, 100, 5);
        CountDownLatch hold = new CountDownLatch(1);
        List<String> ranOn = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        Runnable noteThread = () -> {
            synchronized (ranOn) {
                ranOn.add(Thread.currentThread().getName());
            }
            done.countDown();
        };
        submit(lanes, "k", Lanes.Weight.LIGHT, () -> {
            try {
                hold.await(); // the next two queue behind it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            noteThread.run();
        });
        submit(lanes, "k", Lanes.Weight.HEAVY, noteThread);
        submit(lanes, "k", Lanes.Weight.LIGHT, noteThread);
        hold.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn).containsExactly("reply", "answer", "answer");
        lanes.shutdown();
        assertThat(lanes.awaitTermination(10_000)).as("every task counted out once it returned").isTrue();
    }

    @Test
    void the_lanes_are_shut_down_when_both_kinds_of_threads_are() throws InterruptedException {
        ExecutorService answers = Executors.newCachedThreadPool();
        ExecutorService replies = Executors.newCachedThreadPool();
        Lanes lanes = new Lanes(answers, replies, 2, 100, 5);
        CountDownLatch hold = new CountDownLatch(1);
        submit(lanes, "k", Lanes.Weight.LIGHT, waitingFor(hold));

        lanes.shutdown();

        assertThat(answers.isShutdown() && replies.isShutdown()).isTrue();
        assertThat(lanes.awaitTermination(50)).as("a reply still running").isFalse();
        hold.countDown();
        assertThat(lanes.awaitTermination(10_000)).isTrue();
    }

    @Test
    void a_task_waiting_on_its_stage_gives_its_thread_back_and_its_keys_next_task_starts_once_the_stage_is_done()
            throws InterruptedException {
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        Lanes lanes = new Lanes(oneThread, oneThread, 10, 100, 5);
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        List<String> ran = new ArrayList<>();
        CountDownLatch otherRan = new CountDownLatch(1);
        CountDownLatch nextRan = new CountDownLatch(1);
        lanes.submit("k", Lanes.Weight.HEAVY, () -> streaming);
        submit(lanes, "k", Lanes.Weight.HEAVY, () -> note(ran, "k's next", nextRan));
        submit(lanes, "other", Lanes.Weight.HEAVY, () -> note(ran, "other", otherRan));

        assertThat(otherRan.await(10, TimeUnit.SECONDS)).as("the only thread is free for another key").isTrue();
        assertThat(nextRan.getCount()).as("k's next waits for the stage").isEqualTo(1);
        streaming.complete(null);
        assertThat(nextRan.await(10, TimeUnit.SECONDS)).isTrue();
        synchronized (ran) {
            assertThat(ran).containsExactly("other", "k's next");
        }
        oneThread.shutdown();
    }

    @Test
    void a_task_waiting_on_its_stage_keeps_its_worker_until_the_stage_is_done() throws InterruptedException {
        ExecutorService executor = Executors.newCachedThreadPool();
        Lanes lanes = new Lanes(executor, executor, 1, 100, 5);
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        lanes.submit("a", Lanes.Weight.HEAVY, () -> {
            firstStarted.countDown();
            return streaming;
        });
        assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        submit(lanes, "b", Lanes.Weight.HEAVY, secondRan::countDown);

        assertThat(secondRan.await(100, TimeUnit.MILLISECONDS)).as("the one worker is taken").isFalse();
        streaming.completeExceptionally(new IllegalStateException("a stage that failed is done too"));
        assertThat(secondRan.await(10, TimeUnit.SECONDS)).isTrue();
        executor.shutdown();
    }

    @Test
    void termination_waits_for_tasks_waiting_on_their_stage_without_a_thread() throws InterruptedException {
        ExecutorService executor = Executors.newCachedThreadPool();
        Lanes lanes = new Lanes(executor, executor, 2, 100, 5);
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        lanes.submit("k", Lanes.Weight.HEAVY, () -> streaming);
        submit(lanes, "k", Lanes.Weight.HEAVY, () -> { });

        lanes.shutdown();

        assertThat(lanes.awaitTermination(50)).as("an answer still streaming").isFalse();
        streaming.complete(null);
        assertThat(lanes.awaitTermination(10_000)).isTrue();
        assertThat(lanes.inFlight()).as("the task behind it is left to the inbox, uncounted").isZero();
    }

    @Test
    void a_key_waiting_for_a_worker_holds_no_thread_and_gets_the_worker_once_one_is_given_back()
            throws InterruptedException {
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        Lanes lanes = new Lanes(oneThread, oneThread, 1, 100, 5);
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        CountDownLatch waitingRan = new CountDownLatch(1);
        lanes.submit("streaming", Lanes.Weight.HEAVY, () -> streaming);
        submit(lanes, "waiting", Lanes.Weight.HEAVY, waitingRan::countDown);

        assertThat(runsNext(oneThread)).as("the only thread is not held by the waiting key").isTrue();
        assertThat(waitingRan.getCount()).as("no worker is free yet").isEqualTo(1);

        streaming.complete(null);
        assertThat(waitingRan.await(10, TimeUnit.SECONDS)).isTrue();
        lanes.shutdown();
        assertThat(lanes.awaitTermination(10_000)).isTrue();
    }

    @Test
    void keys_waiting_for_a_worker_get_it_in_the_order_they_came() throws InterruptedException {
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        Lanes lanes = new Lanes(oneThread, oneThread, 1, 100, 5);
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        List<String> ran = new ArrayList<>();
        CountDownLatch allRan = new CountDownLatch(3);
        lanes.submit("first", Lanes.Weight.HEAVY, () -> streaming);
        for (String key : List.of("b", "c", "d")) {
            submit(lanes, key, Lanes.Weight.HEAVY, () -> note(ran, key, allRan));
        }
        assertThat(runsNext(oneThread)).as("the three drains found no worker").isTrue();

        streaming.complete(null);

        assertThat(allRan.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("b", "c", "d");
        oneThread.shutdown();
    }

    @Test
    void keys_still_waiting_for_a_worker_at_shutdown_are_left_to_the_inbox_uncounted() throws InterruptedException {
        ExecutorService oneThread = Executors.newSingleThreadExecutor();
        Lanes lanes = new Lanes(oneThread, oneThread, 1, 100, 5);
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        CountDownLatch ran = new CountDownLatch(2);
        lanes.submit("first", Lanes.Weight.HEAVY, () -> streaming);
        submit(lanes, "b", Lanes.Weight.HEAVY, ran::countDown);
        submit(lanes, "c", Lanes.Weight.HEAVY, ran::countDown);
        assertThat(runsNext(oneThread)).as("both drains found no worker").isTrue();

        lanes.shutdown();
        streaming.complete(null);

        assertThat(lanes.awaitTermination(10_000)).isTrue();
        assertThat(ran.getCount()).as("neither waiting key started").isEqualTo(2);
    }

    /** Whether a task given to the executor now runs, after what it was given before. */
    private static boolean runsNext(ExecutorService oneThread) throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        oneThread.execute(ran::countDown);
        return ran.await(10, TimeUnit.SECONDS);
    }

    private static void note(List<String> ran, String what, CountDownLatch done) {
        synchronized (ran) {
            ran.add(what);
        }
        done.countDown();
    }

    /** Submits work that is done when it returns. */
    private static Lanes.Submitted submit(Lanes lanes, String key, Lanes.Weight weight, Runnable work) {
        return lanes.submit(key, weight, () -> {
            work.run();
            return CompletableFuture.completedFuture(null);
        });
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return task -> new Thread(task, name);
    }

    private static Runnable waitingFor(CountDownLatch hold) {
        return () -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
