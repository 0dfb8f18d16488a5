package dev.dingbot.storage;

import dev.dingbot.core.testing.LogCapture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.model.HistoryEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** History on disk: one readable JSON-lines file per user, read only for that user. */
class HistoryFilesTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture("dev.dingbot.storage");

    private FileStorage open() {
        return FileStorage.open(StorageSettings.defaults(dir));
    }

    private static HistoryEntry row(String nick, String staffId, String content) {
        return new HistoryEntry(0, T0, HistoryEntry.Kind.QUESTION, 0, nick, staffId, "ops", content);
    }

    @Test
    void rows_are_plain_json_lines_in_one_file_per_user() throws Exception {
        try (FileStorage storage = open()) {
            storage.history().append(row("alice", "s1", "first"));
            storage.history().append(row("alice", "s1", "second"));
            storage.history().append(row("bob", "", "from bob"));
        }
        List<String> alice = Files.readAllLines(dir.resolve("history/s-s1.jsonl"));
        assertThat(alice).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(alice.get(0));
        assertThat(first.get("content").asText()).isEqualTo("first");
        assertThat(first.get("nick").asText()).isEqualTo("alice");
        assertThat(Files.readAllLines(dir.resolve("history/n-bob.jsonl"))).singleElement().asString().contains("from bob");
    }

    @Test
    void a_query_reads_only_the_files_of_that_user() throws Exception {
        try (FileStorage storage = open()) {
            storage.history().append(row("alice", "s1", "mine"));
            storage.history().append(row("bob", "s2", "not mine"));
            Files.delete(dir.resolve("history/s-s2.jsonl")); // reading it now would fail

            assertThat(storage.history().findByUser("alice", 0, 10)).extracting(HistoryEntry::content).containsExactly("mine");
        }
    }

    @Test
    void odd_and_long_names_stay_inside_the_history_dir_and_round_trip() throws Exception {
        String[] staffIds = {"../../etc/passwd", "a/b\\c:d*e?", "x".repeat(500), "CON", ""};
        String nick = "运维 小王/..";
        try (FileStorage storage = open()) {
            for (String staffId : staffIds) storage.history().append(row(nick, staffId, "by " + staffId));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).getParent()))
                    .allMatch(parent -> parent == null || parent.toString().equals("history"));
        }
        try (FileStorage storage = open()) {
            for (String staffId : staffIds) {
                if (staffId.isEmpty()) continue;
                assertThat(storage.history().findByUser(staffId, 0, 10)).extracting(HistoryEntry::content)
                        .containsExactly("by " + staffId);
            }
            assertThat(storage.history().findByUser(nick, 0, 10)).hasSize(staffIds.length);
        }
    }

    @Test
    void many_threads_append_with_unique_ids_and_every_user_reads_back_newest_first() throws Exception {
        int threads = 8;
        int each = 150;
        List<HistoryEntry> stored = new ArrayList<>();
        try (FileStorage storage = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<HistoryEntry>>> work = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    work.add(pool.submit(() -> {
                        List<HistoryEntry> mine = new ArrayList<>();
                        for (int i = 0; i < each; i++) {
                            int user = (thread + i) % 5;
                            mine.add(storage.history().append(row("user" + user, user % 2 == 0 ? "s" + user : "", "t" + thread + "-" + i)));
                        }
                        return mine;
                    }));
                }
                for (Future<List<HistoryEntry>> f : work) stored.addAll(f.get());
            } finally {
                pool.shutdownNow();
            }
        }
        Set<Long> ids = new HashSet<>();
        stored.forEach(e -> ids.add(e.id()));
        assertThat(ids).hasSize(threads * each);
        assertThat(ids).allMatch(id -> id >= 1 && id <= threads * each);

        try (FileStorage storage = open()) {
            for (int user = 0; user < 5; user++) {
                String nick = "user" + user;
                List<HistoryEntry> expected = stored.stream().filter(e -> e.userNick().equals(nick))
                        .sorted(Comparator.comparingLong(HistoryEntry::id).reversed()).toList();
                assertThat(storage.history().findByUser(nick, 0, Integer.MAX_VALUE)).containsExactlyElementsOf(expected);
            }
        }
    }
    @Test
    void opening_reads_no_more_than_the_tail_of_each_history_file() throws Exception {
        long last;
        try (FileStorage storage = open()) {
            for (int i = 0; i < 2000; i++) storage.history().append(row("alice", "s1", "row " + i));
            last = storage.history().append(row("alice", "s1", "last")).id();
        }
        // blank out the start of the file: an open that read every row would stumble on it
        Path file = dir.resolve("history/s-s1.jsonl");
        byte[] bytes = Files.readAllBytes(file);
        java.util.Arrays.fill(bytes, 0, bytes.length / 2, (byte) '#');
        Files.write(file, bytes);

        try (FileStorage storage = open()) {
            assertThat(storage.history().findByUser("s1", 0, 1)).extracting(HistoryEntry::content).containsExactly("last");
            assertThat(storage.history().append(row("bob", "", "next")).id()).isEqualTo(last + 1);
        }
        assertThat(logs.warnings()).isEmpty();
    }
}
