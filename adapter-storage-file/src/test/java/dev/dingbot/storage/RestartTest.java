package dev.dingbot.storage;

import dev.dingbot.core.testing.MutableClock;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What one run stores, the next run finds. */
class RestartTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    private FileStorage open(FsyncPolicy policy) {
        return FileStorage.open(StorageSettings.builder(dir).fsync(policy).clock(clock)
                .inboxWindow(Duration.ofHours(24)).build());
    }

    private static HistoryEntry question(String nick, String staffId, String content) {
        return new HistoryEntry(0, T0, HistoryEntry.Kind.QUESTION, 0, nick, staffId, "ops", content);
    }

    @ParameterizedTest
    @EnumSource(FsyncPolicy.class)
    void every_store_finds_after_a_restart_what_it_was_given(FsyncPolicy policy) {
        Session session = new Session(Mode.CONTEXT, List.of(ChatTurn.user("q"), ChatTurn.assistant("a")), 9, T0);
        IncomingMessage message = InboxContract.message("m1");
        HistoryEntry row;
        try (FileStorage storage = open(policy)) {
            storage.sessions().save("conv/alice", session);
            storage.sessions().save("conv/gone", session);
            storage.sessions().delete("conv/gone");
            row = storage.history().append(question("alice", "s1", "q1"));
            storage.quotas().tryAcquire("alice", DAY, 5);
            storage.quotas().tryAcquire("alice", DAY, 5);
            storage.usage().record(DAY, new Usage("gpt-4o", 10, 20));
            storage.inbox().admit(message);
            storage.inbox().admit(InboxContract.message("m2"));
            storage.inbox().complete("m2");
        }
        try (FileStorage storage = open(policy)) {
            assertThat(storage.sessions().find("conv/alice")).contains(session);
            assertThat(storage.sessions().find("conv/gone")).isEmpty();
            assertThat(storage.history().findByUser("alice", 0, 10)).containsExactly(row);
            assertThat(storage.quotas().used("alice", DAY)).isEqualTo(2);
            assertThat(storage.usage().totals(DAY, DAY)).containsExactly(new UsageTotal("gpt-4o", 10, 20));
            assertThat(storage.inbox().pending()).containsExactly(message);
            assertThat(storage.inbox().admit(InboxContract.message("m2"))).isFalse();
        }
    }

    @Test
    void pending_messages_round_trip_with_every_field_in_admission_order() {
        List<IncomingMessage> sent = List.of(InboxContract.message("b"), InboxContract.message("a"),
                InboxContract.message("c"));
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            sent.forEach(storage.inbox()::admit);
        }
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.inbox().pending()).containsExactlyElementsOf(sent);
            assertThat(storage.inbox().pending().get(0).route()).isEqualTo(sent.get(0).route());
        }
    }

    @Test
    void history_ids_keep_growing_across_restarts() {
        long last;
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            storage.history().append(question("alice", "s1", "q1"));
            last = storage.history().append(question("bob", "", "q2")).id();
        }
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.history().append(question("carol", "s3", "q3")).id()).isEqualTo(last + 1);
            assertThat(storage.history().findByUser("alice", 0, 10)).hasSize(1);
        }
    }

    @Test
    void a_nick_finds_its_staff_id_rows_after_a_restart() {
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            storage.history().append(question("alice", "s1", "as alice"));
            storage.history().append(question("alicia", "s1", "as alicia"));
        }
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.history().findByUser("alicia", 0, 10)).extracting(HistoryEntry::content)
                    .containsExactly("as alicia");
            assertThat(storage.history().findByUser("s1", 0, 10)).hasSize(2);
        }
    }

    @Test
    void a_redelivery_is_refused_across_a_restart_for_the_whole_window_and_admitted_after_it() {
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            storage.inbox().admit(InboxContract.message("m1"));
            storage.inbox().complete("m1");
        }
        clock.advance(Duration.ofHours(23));
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.inbox().admit(InboxContract.message("m1"))).isFalse();
        }
        clock.advance(Duration.ofHours(2));
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.inbox().admit(InboxContract.message("m1"))).isTrue();
        }
    }

    @Test
    void a_pending_message_is_never_forgotten_however_old() {
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            storage.inbox().admit(InboxContract.message("m1"));
        }
        clock.advance(Duration.ofDays(30));
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.inbox().pending()).extracting(IncomingMessage::msgId).containsExactly("m1");
            assertThat(storage.inbox().admit(InboxContract.message("m1"))).isFalse();
        }
    }

    @Test
    void session_updated_at_and_quota_days_survive_so_expiry_holds_after_a_restart() {
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            storage.sessions().save("old", new Session(Mode.SINGLE, List.of(), 0, T0));
            storage.sessions().save("new", new Session(Mode.SINGLE, List.of(), 0, T0.plusSeconds(3600)));
            storage.quotas().tryAcquire("alice", DAY, 1);
        }
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.sessions().purgeUpdatedBefore(T0.plusSeconds(60))).isEqualTo(1);
            assertThat(storage.quotas().tryAcquire("alice", DAY, 1)).isFalse();
            assertThat(storage.quotas().tryAcquire("alice", DAY.plusDays(1), 1)).isTrue();
        }
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            assertThat(storage.sessions().find("old")).isEmpty();
            assertThat(storage.sessions().find("new")).isPresent();
            assertThat(storage.quotas().used("alice", DAY.plusDays(1))).isEqualTo(1);
        }
    }
    @Test
    void a_deleted_nick_index_is_rebuilt_from_the_history_files() throws Exception {
        try (FileStorage storage = open(FsyncPolicy.BATCH)) {
            storage.history().append(question("alice", "s1", "as alice"));
            storage.history().append(question("alicia", "s1", "as alicia"));
        }
        Files.delete(dir.resolve("history/nicks.jsonl"));

        for (int run = 0; run < 2; run++) { // rebuilt once, then read as usual
            try (FileStorage storage = open(FsyncPolicy.BATCH)) {
                assertThat(storage.history().findByUser("alicia", 0, 10)).extracting(HistoryEntry::content)
                        .containsExactly("as alicia");
                assertThat(storage.history().findByUser("alice", 0, 10)).extracting(HistoryEntry::content)
                        .containsExactly("as alice");
            }
        }
        assertThat(Files.readAllLines(dir.resolve("history/nicks.jsonl"))).hasSize(2);
    }
}
