package dev.dingbot.storage;

import dev.dingbot.core.testing.LogCapture;

import dev.dingbot.core.testing.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under batch fsync only the inbox is waited for; everything else is forced by the upkeep thread soon after, so an
 * answer never waits for the disk twice. Forces are observed through the journal's own bookkeeping.
 */
class DurabilityTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final LogCapture logs = new LogCapture("dev.dingbot.storage");
    private final Upkeep upkeep = new Upkeep();
    private final ManualScheduler time = new ManualScheduler();
    /** Upkeep whose periodic runs come when the test lets time pass. */
    private final Upkeep upkeepByHand = new Upkeep(time);

    @AfterEach
    void close() {
        upkeep.close();
        upkeepByHand.close();
    }

    @Test
    void batch_fsync_waits_for_the_disk_for_the_inbox_only() {
        assertThat(Durability.ofInbox(FsyncPolicy.BATCH)).isEqualTo(Durability.GROUP_COMMIT);
        assertThat(Durability.ofRecords(FsyncPolicy.BATCH)).isEqualTo(Durability.BACKGROUND);
        assertThat(Durability.ofRecords(FsyncPolicy.ALWAYS)).isEqualTo(Durability.EACH_APPEND);
        assertThat(Durability.ofInbox(FsyncPolicy.NEVER)).isEqualTo(Durability.NONE);
    }

    @Test
    void a_group_commit_append_returns_only_once_it_is_forced() throws IOException {
        try (Journal journal = Journal.open(dir.resolve("inbox.jsonl"), Durability.GROUP_COMMIT, upkeep, null)) {
            assertThat(journal.unforced()).as("a new inbox file's directory entry is forced on open").isFalse();
            journal.append(() -> true, ok -> "{\"op\":\"admit\"}");
            assertThat(journal.unforced()).isFalse();
        }
    }

    @Test
    void a_background_append_returns_before_its_force_and_the_background_force_covers_it() throws IOException {
        try (Journal journal = Journal.open(dir.resolve("s-alice.jsonl"), Durability.BACKGROUND, upkeep, null)) {
            assertThat(journal.unforced()).as("a new file's directory entry waits for the background force").isTrue();
            journal.forceWritten();
            assertThat(journal.unforced()).isFalse();

            journal.append(() -> true, ok -> "{\"id\":1}");
            assertThat(journal.unforced()).isTrue();
            journal.forceWritten();
            assertThat(journal.unforced()).isFalse();
        }
        assertThat(Files.readAllLines(dir.resolve("s-alice.jsonl"))).containsExactly("{\"id\":1}");
    }

    @Test
    void closing_a_background_journal_forces_what_it_wrote() throws IOException {
        Journal journal = Journal.open(dir.resolve("usage.jsonl"), Durability.BACKGROUND, upkeep, null);
        journal.append(() -> true, ok -> "{\"day\":\"2026-04-01\"}");
        journal.close();
        assertThat(journal.unforced()).isFalse();
    }

    @Test
    void the_background_force_of_a_directory_covers_every_open_file_written_since() throws IOException {
        try (OpenJournals files = new OpenJournals(dir, Durability.BACKGROUND, upkeep, 16)) {
            for (String name : List.of("s-alice.jsonl", "s-bob.jsonl")) {
                files.with(name, journal -> journal.append(() -> true, ok -> "{}"));
            }
            assertThat(files.with("s-alice.jsonl", Journal::unforced)).isTrue();
            files.forceWritten();
            assertThat(files.with("s-alice.jsonl", Journal::unforced)).isFalse();
            assertThat(files.with("s-bob.jsonl", Journal::unforced)).isFalse();
        }
    }

    @Test
    void a_failing_upkeep_run_is_logged_and_the_next_run_still_comes() {
        AtomicInteger runs = new AtomicInteger();
        upkeepByHand.every(Duration.ofMillis(5), "flaky", () -> {
            runs.incrementAndGet();
            throw new IllegalStateException("disk full");
        });
        time.advance(Duration.ofMillis(15));
        assertThat(runs.get()).isEqualTo(3);
    }

    @Test
    void a_failure_that_repeats_logs_its_stack_trace_once() {
        upkeepByHand.every(Duration.ofMillis(5), "forcing", () -> {
            throw new IllegalStateException("disk full");
        });
        time.advance(Duration.ofMillis(15));
        upkeepByHand.close();

        assertThat(logs.warnings()).hasSize(3).allSatisfy(line -> assertThat(line).contains("forcing failed"));
        assertThat(logs.stackTraces()).isEqualTo(1);
    }

    @Test
    void closing_the_upkeep_runs_what_was_queued() {
        List<String> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        upkeep.execute("first", () -> done.add("first"));
        upkeep.execute("second", () -> done.add("second"));
        upkeep.close();
        upkeep.execute("after close", () -> done.add("after close"));
        assertThat(done).containsExactly("first", "second");
    }
}
