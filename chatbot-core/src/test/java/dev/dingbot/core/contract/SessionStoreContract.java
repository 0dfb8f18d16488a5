package dev.dingbot.core.contract;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.port.SessionStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link SessionStore} promises. Subclasses give a fresh, empty store per test. */
public abstract class SessionStoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    protected abstract SessionStore store();

    protected static Session session(Instant updatedAt, String... turns) {
        List<ChatTurn> context = java.util.Arrays.stream(turns).map(ChatTurn::user).toList();
        return new Session(Mode.CONTEXT, context, 42, updatedAt);
    }

    @Test
    void a_saved_session_is_found_by_its_key() {
        Session saved = session(T0, "hello", "again");
        store().save("conv/alice", saved);

        assertThat(store().find("conv/alice")).contains(saved);
        assertThat(store().find("conv/bob")).isEmpty();
    }

    @Test
    void a_sessions_documents_are_kept_whole_and_in_order() {
        DocumentText report = DocumentText.read("周报.pdf", "PDF", "第一页\n\"引号\" <b>\n第二页", 2, 0, false);
        DocumentText sheet = DocumentText.read("data.xlsx", "Excel", "Sheet1\na\tb", 0, 3, true);
        Session saved = new Session(Mode.CONTEXT, List.of(ChatTurn.user("hi")), 3, T0, List.of(report, sheet));
        store().save("k", saved);

        assertThat(store().find("k")).contains(saved);

        Session without = new Session(Mode.CONTEXT, List.of(), 3, T0.plusSeconds(1), List.of(sheet));
        store().save("k", without);
        assertThat(store().find("k").orElseThrow().documents()).containsExactly(sheet);
    }

    @Test
    void a_sessions_chosen_model_is_kept_and_a_later_save_on_the_default_clears_it() {
        Session chosen = new Session(Mode.CONTEXT, List.of(ChatTurn.user("hi")), 3, T0, List.of(), "claude-sonnet-4-5");
        store().save("k", chosen);

        assertThat(store().find("k")).contains(chosen);

        store().save("k", new Session(Mode.CONTEXT, List.of(), 3, T0.plusSeconds(1)));
        assertThat(store().find("k").orElseThrow().model()).isEmpty();
    }

    @Test
    void saving_again_replaces_the_session() {
        store().save("k", session(T0, "one"));
        Session later = new Session(Mode.SINGLE, List.of(), 7, T0.plusSeconds(5));
        store().save("k", later);

        assertThat(store().find("k")).contains(later);
    }

    @Test
    void a_deleted_session_is_gone_and_deleting_twice_is_harmless() {
        store().save("k", session(T0, "one"));
        store().delete("k");
        store().delete("k");
        store().delete("never-saved");

        assertThat(store().find("k")).isEmpty();
    }

    @Test
    void images_in_context_turns_are_never_kept() {
        Image png = new Image(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, "image/png");
        store().save("k", new Session(Mode.CONTEXT, List.of(ChatTurn.user("look", List.of(png))), 0, T0));

        assertThat(store().find("k").orElseThrow().context()).containsExactly(ChatTurn.user("look"));
    }

    @Test
    void purge_forgets_sessions_updated_before_the_cutoff_and_counts_them() {
        store().save("old1", session(T0));
        store().save("old2", session(T0.plusSeconds(59)));
        store().save("edge", session(T0.plusSeconds(60)));
        store().save("new", session(T0.plusSeconds(120)));

        assertThat(store().purgeUpdatedBefore(T0.plusSeconds(60))).isEqualTo(2);
        assertThat(store().find("old1")).isEmpty();
        assertThat(store().find("old2")).isEmpty();
        assertThat(store().find("edge")).isPresent();
        assertThat(store().find("new")).isPresent();
        assertThat(store().purgeUpdatedBefore(T0.plusSeconds(60))).isZero();
    }
}
