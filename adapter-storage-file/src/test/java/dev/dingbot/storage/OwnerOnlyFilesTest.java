package dev.dingbot.storage;

import dev.dingbot.core.testing.LogCapture;

import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Every file the storage writes is readable by its owner only, and so is what an older version left readable. */
class OwnerOnlyFilesTest {

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture("dev.dingbot.storage");

    @BeforeEach
    void posix() {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    }

    @Test
    void the_files_and_directories_the_storage_creates_are_0600_and_0700_whatever_the_umask() throws Exception {
        Path data = dir.resolve("data");
        try (FileStorage storage = FileStorage.open(StorageSettings.defaults(data))) {
            storage.inbox().admit(message("msgMODE1=="));
        }
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("history"))).isEqualTo("rwx------");
        for (String file : List.of("dingbot.lock", "inbox.jsonl", "sessions.jsonl", "quotas.jsonl", "usage.jsonl",
                "history/nicks.jsonl")) {
            assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
        }
    }

    @Test
    void files_an_older_version_left_readable_by_everyone_are_tightened_at_start_with_one_info_line() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("history"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Map<String, String> older = Map.of("inbox.jsonl", "rw-r--r--", "history/s-user001.jsonl", "rw-rw-r--",
                "sessions.jsonl", "rw-------");
        for (var file : older.entrySet()) {
            Files.createFile(data.resolve(file.getKey()),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(file.getValue())));
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("history"), PosixFilePermissions.fromString("rwxr-xr-x"));

        FileStorage.open(StorageSettings.defaults(data)).close();

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(data.resolve("history"))).isEqualTo("rwx------");
        for (String file : older.keySet()) assertThat(mode(data.resolve(file))).as(file).isEqualTo("rw-------");
        assertThat(logs.infos()).filteredOn(line -> line.contains("readable by their owner only")).singleElement()
                .satisfies(line -> assertThat(line).startsWith("Made 4 files and directories"));
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static IncomingMessage message(String msgId) {
        return new IncomingMessage(msgId, "app", ChatKind.PRIVATE, "cid", "", new Sender("user001", "Alice", ""),
                MessageType.TEXT, "hi", List.of(), QuotedMessage.NONE, Instant.now(), Map.of());
    }
}
