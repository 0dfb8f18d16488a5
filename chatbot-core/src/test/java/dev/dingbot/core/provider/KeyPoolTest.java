package dev.dingbot.core.provider;

import dev.dingbot.core.testing.LogCapture;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyPoolTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture(KeyPool.class.getName());

    private static final String A = "sk-first-key-aaaa";
    private static final String B = "sk-second-key-bbbb";
    private static final String C = "sk-third-key-cccc";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final KeyPoolSettings settings = KeyPoolSettings.builder().clock(clock).build();


    private KeyPool pool(String... keys) {
        return new KeyPool("OpenAI", List.of(keys), settings);
    }

    private static List<String> take(KeyPool pool, int count) {
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) taken.add(pool.next().secret());
        return taken;
    }

    @Test
    void keys_are_handed_out_round_robin() {
        assertThat(take(pool(A, B, C), 7)).containsExactly(A, B, C, A, B, C, A);
    }

    @Test
    void a_pool_drops_repeated_keys_and_refuses_blank_ones_and_none() {
        assertThat(pool(A, B, A).size()).isEqualTo(2);
        assertThatThrownBy(() -> pool(A, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pool()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_benched_key_is_skipped_until_its_bench_ends() {
        KeyPool pool = pool(A, B, C);
        pool.refused(pool.all().get(1), "HTTP 401");

        assertThat(take(pool, 4)).containsExactly(A, C, A, C);
        clock.advance(Duration.ofMinutes(9));
        assertThat(take(pool, 2)).containsExactly(A, C);
        clock.advance(Duration.ofMinutes(1));
        assertThat(take(pool, 3)).containsExactly(A, B, C);
    }

    @Test
    void when_every_key_is_benched_the_one_whose_bench_ends_first_is_used_and_that_is_said_once() {
        KeyPool pool = pool(A, B);
        pool.refused(pool.all().get(1), "HTTP 401");
        clock.advance(Duration.ofMinutes(2));
        pool.refused(pool.all().get(0), "HTTP 401");

        assertThat(take(pool, 3)).containsExactly(B, B, B);
        assertThat(pool.usable()).isZero();
        assertThat(warnings()).filteredOn(m -> m.contains("every OpenAI key is benched")).hasSize(1)
                .first().asString().contains("…bbbb");
    }

    @Test
    void a_key_refused_again_while_benched_is_logged_once_and_its_bench_starts_again() {
        KeyPool pool = pool(A, B);
        PooledKey a = pool.all().get(0);
        pool.refused(a, "HTTP 401");
        clock.advance(Duration.ofMinutes(5));
        pool.refused(a, "HTTP 401");
        clock.advance(Duration.ofMinutes(6));

        assertThat(take(pool, 2)).containsExactly(B, B);
        assertThat(warnings()).filteredOn(m -> m.contains("refused")).hasSize(1);
    }

    @Test
    void only_the_last_four_characters_of_a_key_appear_in_the_log_and_in_its_printed_form() {
        KeyPool pool = pool(A, B);
        PooledKey a = pool.all().get(0);
        pool.refused(a, "Incorrect API key provided: " + A);

        assertThat(a).hasToString("…aaaa");
        assertThat(a.suffix()).isEqualTo("aaaa");
        assertThat(pool.toString()).doesNotContain(A, B);
        assertThat(warnings()).singleElement().asString()
                .contains("OpenAI key …aaaa refused, not used for 10 min").doesNotContain(A);
    }

    @Test
    void a_key_shorter_than_eight_characters_shows_none_of_them() {
        PooledKey key = pool("abc123").next();

        assertThat(key.shown()).isEqualTo("…");
    }

    @Test
    void a_refused_answer_is_sent_again_at_once_with_the_next_key_and_the_key_benched() throws Exception {
        KeyPool pool = pool(A, B, C);
        List<String> sentWith = new ArrayList<>();

        Answer answer = pool.send(key -> {
            sentWith.add(key.secret());
            return new Answer(key.secret().equals(A) ? 401 : 200);
        }, refusedOn401());

        assertThat(answer.status).isEqualTo(200);
        assertThat(sentWith).containsExactly(A, B);
        assertThat(take(pool, 2)).containsExactly(C, B);
    }

    @Test
    void when_every_key_is_refused_the_last_refusal_is_the_answer() throws Exception {
        KeyPool pool = pool(A, B);
        List<Answer> answers = new ArrayList<>();

        Answer answer = pool.send(key -> {
            Answer refused = new Answer(401);
            answers.add(refused);
            return refused;
        }, refusedOn401());

        assertThat(answers).hasSize(2);
        assertThat(answer).isSameAs(answers.get(1));
        assertThat(answer.closed).isFalse();
        assertThat(answers.get(0).closed).isTrue();
        assertThat(pool.usable()).isZero();
    }

    @Test
    void a_call_answering_later_that_refuses_its_key_is_sent_again_with_the_next_key_once_its_answer_is_whole() {
        KeyPool pool = pool(A, B, C);
        List<String> sentWith = new ArrayList<>();
        CompletableFuture<Answer> refusedLater = new CompletableFuture<>();

        CompletableFuture<Answer> answer = pool.sendAsync(key -> {
            sentWith.add(key.secret());
            return key.secret().equals(A) ? refusedLater : CompletableFuture.completedFuture(new Answer(200));
        }, refusedOn401());
        assertThat(sentWith).containsExactly(A);
        refusedLater.complete(new Answer(401));

        assertThat(answer.join().status).isEqualTo(200);
        assertThat(sentWith).containsExactly(A, B);
        assertThat(take(pool, 2)).containsExactly(C, B);
    }

    @Test
    void a_call_answering_later_refused_with_every_key_ends_with_the_last_refusal_and_every_key_benched() {
        KeyPool pool = pool(A, B);
        List<Answer> answers = new ArrayList<>();

        Answer answer = pool.sendAsync(key -> {
            Answer refused = new Answer(401);
            answers.add(refused);
            return CompletableFuture.completedFuture(refused);
        }, refusedOn401()).join();

        assertThat(answers).hasSize(2);
        assertThat(answer).isSameAs(answers.get(1));
        assertThat(pool.usable()).isZero();
    }

    @Test
    void a_single_key_is_sent_once_and_never_benched() throws Exception {
        KeyPool pool = pool(A);

        Answer answer = pool.send(key -> new Answer(401), refusedOn401());

        assertThat(answer.status).isEqualTo(401);
        assertThat(pool.usable()).isEqualTo(1);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void concurrent_callers_never_get_a_benched_key_while_others_are_free() throws Exception {
        KeyPool pool = pool(A, B, C);
        pool.refused(pool.all().get(1), "HTTP 401");
        Set<String> handedOut = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < 8; t++) {
                threads.execute(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < 1000; i++) handedOut.add(pool.next().secret());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            start.countDown();
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(handedOut).containsExactlyInAnyOrder(A, C);
    }

    @Test
    void a_bench_shorter_than_a_minute_is_refused_and_ten_minutes_is_the_default() {
        assertThat(KeyPoolSettings.defaults().bench()).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> KeyPoolSettings.builder().bench(Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> warnings() {
        return logs.warnings();
    }

    private static java.util.function.Function<Answer, String> refusedOn401() {
        return answer -> answer.status == 401 ? "HTTP 401" : null;
    }

    private static final class Answer implements Closeable {
        final int status;
        boolean closed;

        Answer(int status) {
            this.status = status;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
