package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.ChatTurn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a session save keeps when another instance saved the same key since this one read it. */
class SessionMergeTest {

    private static final ChatTurn A = ChatTurn.user("a");
    private static final ChatTurn B = ChatTurn.assistant("b");
    private static final ChatTurn Q1 = ChatTurn.user("q1");
    private static final ChatTurn A1 = ChatTurn.assistant("a1");
    private static final ChatTurn Q2 = ChatTurn.user("q2");
    private static final ChatTurn A2 = ChatTurn.assistant("a2");

    @Test
    void the_turns_this_save_added_follow_those_the_other_writer_added() {
        assertThat(PostgresSessionStore.merged(List.of(A, B, Q1, A1), List.of(A, B), List.of(A, B, Q2, A2)))
                .containsExactly(A, B, Q1, A1, Q2, A2);
    }

    @Test
    void a_context_trimmed_before_the_new_turns_still_adds_only_the_new_turns() {
        assertThat(PostgresSessionStore.merged(List.of(A, B, Q1, A1), List.of(A, B), List.of(B, Q2, A2)))
                .containsExactly(A, B, Q1, A1, Q2, A2);
    }

    @Test
    void a_save_that_adds_no_turn_keeps_the_other_writers_turns() {
        assertThat(PostgresSessionStore.merged(List.of(A, B, Q1, A1), List.of(A, B), List.of(A, B)))
                .containsExactly(A, B, Q1, A1);
    }

    @Test
    void a_cleared_context_stays_cleared() {
        assertThat(PostgresSessionStore.merged(List.of(A, B, Q1, A1), List.of(A, B), List.of())).isEmpty();
    }
}
