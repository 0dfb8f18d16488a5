package dev.dingbot.core.contract;

import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.port.HistoryStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link HistoryStore} promises. Subclasses give a fresh, empty store per test. */
public abstract class HistoryStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected abstract HistoryStore store();

    protected static HistoryEntry question(String nick, String staffId, String content) {
        return new HistoryEntry(0, T0, HistoryEntry.Kind.QUESTION, 0, nick, staffId, "ops group", content);
    }

    private static List<String> contents(List<HistoryEntry> rows) {
        return rows.stream().map(HistoryEntry::content).toList();
    }

    @Test
    void ids_start_at_one_and_grow() {
        HistoryEntry first = store().append(question("alice", "s1", "q1"));
        HistoryEntry second = store().append(question("bob", "s2", "q2"));

        assertThat(first.id()).isEqualTo(1);
        assertThat(second.id()).isGreaterThan(first.id());
    }

    @Test
    void an_appended_row_keeps_every_field() {
        HistoryEntry q = store().append(question("alice", "s1", "what is DNS?"));
        HistoryEntry answer = new HistoryEntry(0, T0.plusMillis(1500), HistoryEntry.Kind.ANSWER, q.id(),
                "alice", "s1", "alice_私聊", "多行\n答案 \"quoted\"");
        HistoryEntry stored = store().append(answer);

        assertThat(stored).isEqualTo(answer.withId(stored.id()));
        assertThat(store().findByUser("alice", 0, 10)).containsExactly(stored, q);
    }

    @Test
    void rows_are_found_by_nick_or_by_staff_id_newest_first() {
        store().append(question("alice", "s1", "a1"));
        store().append(question("bob", "s2", "b1"));
        store().append(question("alice", "s1", "a2"));
        store().append(question("alice", "", "a3 without staff id"));
        store().append(question("alicia", "s1", "a4 under a new nick"));

        assertThat(contents(store().findByUser("alice", 0, 10))).containsExactly("a3 without staff id", "a2", "a1");
        assertThat(contents(store().findByUser("s1", 0, 10))).containsExactly("a4 under a new nick", "a2", "a1");
        assertThat(contents(store().findByUser("bob", 0, 10))).containsExactly("b1");
        assertThat(store().findByUser("nobody", 0, 10)).isEmpty();
    }

    @Test
    void offset_and_limit_page_through_newest_first() {
        for (int i = 1; i <= 7; i++) {
            store().append(question("alice", "s1", "q" + i));
            store().append(question("bob", "s2", "noise" + i));
        }

        assertThat(contents(store().findByUser("alice", 0, 3))).containsExactly("q7", "q6", "q5");
        assertThat(contents(store().findByUser("alice", 3, 3))).containsExactly("q4", "q3", "q2");
        assertThat(contents(store().findByUser("alice", 6, 3))).containsExactly("q1");
        assertThat(store().findByUser("alice", 7, 3)).isEmpty();
        assertThat(store().findByUser("alice", 0, 0)).isEmpty();
    }

    @Test
    void a_blank_user_finds_nothing_not_every_row_without_a_staff_id() {
        store().append(question("carol", "", "from an outgoing robot"));
        assertThat(store().findByUser("", 0, 10)).isEmpty();
    }
}
