package dev.dingbot.storage;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.model.HistoryEntry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The second process of the multi-process tests. {@code <dir> probe-lock}: tries to open the dir and says how it
 * went. {@code <dir> write <policy> <run>}: writes history rows and inbox messages from several threads until
 * killed, printing an {@code ACK ... END} line only after each call returned.
 */
public final class StorageChild {

    static final String IN_USE = "IN_USE";
    static final String OPENED = "OPENED";
    static final String READY = "READY";
    static final int USERS = 4;
    static final int WRITERS = 4;

    private StorageChild() {
    }

    static String nick(int user) {
        return "user" + user;
    }

    static HistoryEntry row(int i) {
        int user = i % USERS;
        String staffId = user % 2 == 0 ? "staff" + user : "";
        return new HistoryEntry(0, Instant.now(), HistoryEntry.Kind.QUESTION, 0, nick(user), staffId, "crash test",
                "question " + i + " " + "x".repeat(i % 200));
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        Path dir = Path.of(args[0]);
        if (args[1].equals("probe-lock")) {
            try (FileStorage storage = FileStorage.open(StorageSettings.defaults(dir))) {
                out.println(OPENED + " writable=" + storage.writable());
            } catch (DataDirInUseException e) {
                out.println(IN_USE + " " + e.getMessage());
            }
            out.flush();
            return;
        }
        FsyncPolicy policy = FsyncPolicy.valueOf(args[2]);
        String run = args[3];
        FileStorage storage = FileStorage.open(StorageSettings.builder(dir).fsync(policy).build());
        out.println(READY);
        out.flush();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < WRITERS; t++) { // concurrent writers, so batch fsync commits groups
            new Thread(() -> {
                for (int i = next.getAndIncrement(); ; i = next.getAndIncrement()) {
                    HistoryEntry stored = storage.history().append(row(i));
                    out.println("ACK H " + stored.id() + " END");
                    String msgId = "r" + run + "-" + i;
                    if (storage.inbox().admit(InboxContract.message(msgId))) out.println("ACK I " + msgId + " END");
                    if (i % 3 == 0) {
                        storage.inbox().complete(msgId);
                        out.println("ACK C " + msgId + " END");
                    }
                }
            }).start();
        }
    }
}
