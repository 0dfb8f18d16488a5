package dev.dingbot.storage;

import dev.dingbot.core.testing.MutableClock;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.model.UsageTotal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Journals are rewritten once mostly dead, so a long-running bot's files stay about the size of its live state. */
class CompactionTest {

    private static final int OPERATIONS = 4000;
    private static final long BOUND = Journal.COMPACT_MIN_RECORDS + 10;
    private static final LocalDate DAY = LocalDate.of(2026, 4, 1);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

    private FileStorage open() {
        return FileStorage.open(StorageSettings.builder(dir).fsync(FsyncPolicy.NEVER).clock(clock)
                .inboxWindow(Duration.ofMinutes(1)).build());
    }

    private long lines(String file) throws IOException {
        try (Stream<String> all = Files.lines(dir.resolve(file))) {
            return all.count();
        }
    }

    @Test
    void the_inbox_journal_stays_bounded_and_keeps_pending_and_still_seen_messages() throws IOException {
        try (FileStorage storage = open()) {
            storage.inbox().admit(InboxContract.message("stuck"));
            for (int i = 0; i < OPERATIONS; i++) {
                storage.inbox().admit(InboxContract.message("m" + i));
                storage.inbox().complete("m" + i);
                clock.advance(Duration.ofSeconds(1));
            }
        }
        assertThat(lines("inbox.jsonl")).isLessThanOrEqualTo(BOUND);
        try (FileStorage storage = open()) {
            assertThat(storage.inbox().pending()).extracting(IncomingMessage::msgId).containsExactly("stuck");
            assertThat(storage.inbox().admit(InboxContract.message("m" + (OPERATIONS - 1)))).isFalse();
            assertThat(storage.inbox().admit(InboxContract.message("m0"))).isTrue();
        }
        assertThat(Files.exists(dir.resolve("inbox.jsonl.tmp"))).isFalse();
    }

    @Test
    void rewriting_one_session_over_and_over_keeps_one_live_line() throws IOException {
        try (FileStorage storage = open()) {
            for (int i = 0; i < OPERATIONS; i++) {
                storage.sessions().save("k", new Session(Mode.CONTEXT, List.of(), i, clock.instant()));
            }
        }
        assertThat(lines("sessions.jsonl")).isLessThanOrEqualTo(BOUND);
        try (FileStorage storage = open()) {
            assertThat(storage.sessions().find("k").orElseThrow().lastAnswerId()).isEqualTo(OPERATIONS - 1);
        }
    }

    @Test
    void quota_and_usage_journals_stay_bounded_and_exact() throws IOException {
        try (FileStorage storage = open()) {
            for (int i = 0; i < OPERATIONS; i++) {
                storage.quotas().tryAcquire("alice", DAY, OPERATIONS);
                storage.usage().record(DAY, new Usage("gpt-4o", 1, 2));
            }
        }
        assertThat(lines("quotas.jsonl")).isLessThanOrEqualTo(BOUND);
        assertThat(lines("usage.jsonl")).isLessThanOrEqualTo(BOUND);
        try (FileStorage storage = open()) {
            assertThat(storage.quotas().used("alice", DAY)).isEqualTo(OPERATIONS);
            assertThat(storage.usage().totals(DAY, DAY)).containsExactly(new UsageTotal("gpt-4o", OPERATIONS, 2L * OPERATIONS));
        }
    }
    @Test
    void a_journal_of_big_sessions_is_compacted_by_size_before_it_has_many_lines() throws IOException {
        String context = "x".repeat(64 * 1024);
        int saves = (int) (Journal.COMPACT_MIN_BYTES / context.length()) + 50;
        try (FileStorage storage = open()) {
            for (int i = 0; i < saves; i++) {
                storage.sessions().save("k", new Session(Mode.CONTEXT, List.of(ChatTurn.user(context)), i, clock.instant()));
            }
        }
        assertThat(saves).isLessThan((int) Journal.COMPACT_MIN_RECORDS);
        assertThat(Files.size(dir.resolve("sessions.jsonl"))).isLessThan(Journal.COMPACT_MIN_BYTES);
        try (FileStorage storage = open()) {
            assertThat(storage.sessions().find("k").orElseThrow().lastAnswerId()).isEqualTo(saves - 1);
        }
    }
}
