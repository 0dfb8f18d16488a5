package dev.dingbot.storage;

import dev.dingbot.core.testing.LogCapture;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.model.Usage;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A crash can leave any journal with a torn or garbage last line: opening skips it with a warning, never fails. */
class CorruptionTest {

    private static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 2, 1);

    /** One journal: how to put record {@code i} in it and how to tell it is there. */
    enum JournalFile {
        SESSIONS("sessions.jsonl") {
            void write(FileStorage s, int i) {
                s.sessions().save("k" + i, new Session(Mode.CONTEXT, List.of(), i, T0));
            }

            boolean has(FileStorage s, int i) {
                return s.sessions().find("k" + i).isPresent();
            }
        },
        QUOTAS("quotas.jsonl") {
            void write(FileStorage s, int i) {
                s.quotas().tryAcquire("u" + i, DAY, 10);
            }

            boolean has(FileStorage s, int i) {
                return s.quotas().used("u" + i, DAY) == 1;
            }
        },
        USAGE("usage.jsonl") {
            void write(FileStorage s, int i) {
                s.usage().record(DAY.plusDays(i), new Usage("gpt-4o", i, i));
            }

            boolean has(FileStorage s, int i) {
                return !s.usage().totals(DAY.plusDays(i), DAY.plusDays(i)).isEmpty();
            }
        },
        INBOX("inbox.jsonl") {
            void write(FileStorage s, int i) {
                s.inbox().admit(InboxContract.message("m" + i));
            }

            boolean has(FileStorage s, int i) {
                return s.inbox().pending().stream().map(IncomingMessage::msgId).anyMatch(("m" + i)::equals);
            }
        },
        HISTORY("history/s-s1.jsonl") {
            void write(FileStorage s, int i) {
                s.history().append(row("alice", "q" + i));
            }

            boolean has(FileStorage s, int i) {
                return s.history().findByUser("s1", 0, 100).stream().anyMatch(r -> r.content().equals("q" + i));
            }
        },
        NICK_INDEX("history/nicks.jsonl") {
            void write(FileStorage s, int i) {
                s.history().append(row("nick" + i, "q" + i));
            }

            boolean has(FileStorage s, int i) {
                return !s.history().findByUser("nick" + i, 0, 100).isEmpty();
            }
        };

        final String path;

        JournalFile(String path) {
            this.path = path;
        }

        abstract void write(FileStorage storage, int i);

        abstract boolean has(FileStorage storage, int i);

        static HistoryEntry row(String nick, String content) {
            return new HistoryEntry(0, T0, HistoryEntry.Kind.QUESTION, 0, nick, "s1", "ops", content);
        }
    }

    enum Damage {
        /** The last line lost its second half and its newline: a write cut by a crash. */
        TRUNCATED_LAST_LINE {
            void apply(Path file) throws IOException {
                byte[] bytes = Files.readAllBytes(file);
                int lastLineStart = lastIndexOf(bytes, bytes.length - 2) + 1;
                int keep = lastLineStart + (bytes.length - lastLineStart) / 2;
                Files.write(file, Arrays.copyOf(bytes, keep));
            }
        },
        /** A whole line of junk after the last record (e.g. blocks not yet written, read as zeros and noise). */
        GARBAGE_LAST_LINE {
            void apply(Path file) throws IOException {
                byte[] junk = {0, 0, (byte) 0xFF, (byte) 0xFE, '{', '"', 'o', 'p', '\n'};
                Files.write(file, junk, StandardOpenOption.APPEND);
            }
        },
        /** Junk without a newline: a torn write of garbage. */
        GARBAGE_TAIL {
            void apply(Path file) throws IOException {
                Files.write(file, "{\"op\":\"put\",\"key\":\"x\",\"sess".getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.APPEND);
            }
        };

        abstract void apply(Path file) throws IOException;

        boolean keepsLastRecord() {
            return this != TRUNCATED_LAST_LINE;
        }

        private static int lastIndexOf(byte[] bytes, int from) {
            for (int i = from; i >= 0; i--) if (bytes[i] == '\n') return i;
            return -1;
        }
    }

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture("dev.dingbot.storage");

    static Stream<Arguments> cases() {
        return Arrays.stream(JournalFile.values())
                .flatMap(file -> Arrays.stream(Damage.values()).map(damage -> Arguments.of(file, damage)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("cases")
    void a_damaged_last_line_is_skipped_with_a_warning_and_writing_goes_on(JournalFile journal, Damage damage)
            throws IOException {
        try (FileStorage storage = open()) {
            journal.write(storage, 1);
            journal.write(storage, 2);
        }
        damage.apply(dir.resolve(journal.path));

        try (FileStorage storage = open()) {
            assertThat(journal.has(storage, 1)).isTrue();
            assertThat(journal.has(storage, 2)).isEqualTo(damage.keepsLastRecord());
            journal.write(storage, 3);
        }
        try (FileStorage storage = open()) {
            assertThat(journal.has(storage, 1)).isTrue();
            assertThat(journal.has(storage, 3)).isTrue();
        }
        assertThat(logs.warnings()).anyMatch(w -> w.contains(dir.resolve(journal.path).toString()));
    }

    private FileStorage open() {
        return FileStorage.open(StorageSettings.defaults(dir));
    }
}
