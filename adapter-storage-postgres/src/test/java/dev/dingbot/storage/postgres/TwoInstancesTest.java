package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import dev.dingbot.core.port.SessionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** Two instances on one database, standing for two bots: each sees what the other wrote, and counts stay exact. */
class TwoInstancesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private PostgresStorage first;
    private PostgresStorage second;

    @BeforeEach
    void openTheSecondInstance() {
        first = db.storage();
        second = db.open(db.settings().instanceId("second").build());
    }

    /** Runs the task of each instance, {@code threadsEach} threads apiece, all at once; returns their results. */
    private static <T> List<T> race(int threadsEach, IntFunction<Callable<T>> taskOfInstance) throws Exception {
        return Race.atOnce(2 * threadsEach, t -> taskOfInstance.apply(t % 2));
    }

    private PostgresStorage instance(int i) {
        return i == 0 ? first : second;
    }

    @Test
    void a_session_saved_by_one_instance_is_found_replaced_and_deleted_by_the_other() {
        Session saved = new Session(Mode.CONTEXT, List.of(ChatTurn.user("q"), ChatTurn.assistant("a")), 7, T0);
        first.sessions().save("conv/alice", saved);
        assertThat(second.sessions().find("conv/alice")).contains(saved);

        Session replaced = new Session(Mode.SINGLE, List.of(), 0, T0.plusSeconds(1));
        second.sessions().save("conv/alice", replaced);
        assertThat(first.sessions().find("conv/alice")).contains(replaced);

        first.sessions().delete("conv/alice");
        assertThat(second.sessions().find("conv/alice")).isEmpty();
        assertThat(second.sessions().purgeUpdatedBefore(T0.plusSeconds(60))).isZero();
    }

    @Test
    void answers_saved_at_once_by_both_instances_for_one_sender_keep_every_turn() throws Exception {
        int answersEach = 25;
        race(1, i -> () -> {
            SessionStore sessions = instance(i).sessions();
            for (int n = 0; n < answersEach; n++) {
                Session read = sessions.find("conv/alice").orElse(new Session(Mode.CONTEXT, List.of(), 0, T0));
                List<ChatTurn> context = new ArrayList<>(read.context());
                context.add(ChatTurn.user("q" + i + "." + n));
                context.add(ChatTurn.assistant("a" + i + "." + n));
                sessions.save("conv/alice", new Session(Mode.CONTEXT, context, n, T0.plusSeconds(n)));
            }
            return null;
        });

        List<ChatTurn> kept = first.sessions().find("conv/alice").orElseThrow().context();
        assertThat(kept).hasSize(2 * 2 * answersEach);
        for (int i = 0; i < 2; i++) {
            for (int n = 0; n < answersEach; n++) {
                int question = kept.indexOf(ChatTurn.user("q" + i + "." + n));
                assertThat(question).as("question %d.%d", i, n).isNotNegative();
                assertThat(kept.get(question + 1)).isEqualTo(ChatTurn.assistant("a" + i + "." + n));
            }
        }
    }

    @Test
    void history_rows_appended_by_both_instances_at_once_get_distinct_ids_and_both_find_all_of_them() throws Exception {
        int rowsEach = 40;
        List<List<Long>> ids = race(1, i -> () -> {
            List<Long> mine = new ArrayList<>();
            for (int n = 0; n < rowsEach; n++) {
                mine.add(instance(i).history().append(new HistoryEntry(0, T0, HistoryEntry.Kind.QUESTION, 0,
                        "alice", "s1", "ops", "from " + i)).id());
            }
            return mine;
        });

        assertThat(ids.stream().flatMap(List::stream).distinct()).hasSize(2 * rowsEach);
        assertThat(ids).allSatisfy(mine -> assertThat(mine).isSorted());
        for (PostgresStorage either : List.of(first, second)) {
            assertThat(either.history().findByUser("alice", 0, 1000)).hasSize(2 * rowsEach)
                    .extracting(HistoryEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        }
    }

    @Test
    void requests_counted_at_once_on_both_instances_stop_exactly_at_the_limit() throws Exception {
        int limit = 100;
        List<Integer> granted = race(4, i -> () -> {
            int mine = 0;
            for (int n = 0; n < 40; n++) {
                if (instance(i).quotas().tryAcquire("alice", DAY, limit)) mine++;
            }
            return mine;
        });

        assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(limit);
        assertThat(first.quotas().used("alice", DAY)).isEqualTo(limit);
        second.quotas().release("alice", DAY);
        assertThat(first.quotas().used("alice", DAY)).isEqualTo(limit - 1);
        assertThat(first.quotas().tryAcquire("alice", DAY, limit)).isTrue();
        assertThat(second.quotas().tryAcquire("alice", DAY, limit)).isFalse();
    }

    @Test
    void usage_recorded_at_once_on_both_instances_adds_up_on_either() throws Exception {
        race(2, i -> () -> {
            for (int n = 0; n < 25; n++) instance(i).usage().record(DAY, new Usage("gpt-4o", 1, 2));
            return null;
        });

        for (PostgresStorage either : List.of(first, second)) {
            assertThat(either.usage().totals(DAY, DAY)).containsExactly(new UsageTotal("gpt-4o", 100, 200));
        }
    }

    @Test
    void a_one_time_key_presented_to_both_instances_at_once_is_accepted_by_exactly_one() throws Exception {
        int keys = 50;
        Instant expiry = Instant.now().plus(Duration.ofHours(1));
        List<List<Boolean>> accepted = race(1, i -> () -> {
            List<Boolean> mine = new ArrayList<>();
            for (int k = 0; k < keys; k++) mine.add(instance(i).replayGuard().firstUse("ts+sign" + k, expiry));
            return mine;
        });

        for (int k = 0; k < keys; k++) {
            assertThat(accepted.get(0).get(k) ^ accepted.get(1).get(k)).as("key %d", k).isTrue();
        }
        assertThat(second.replayGuard().firstUse("ts+sign0", expiry)).isFalse();
    }
}
