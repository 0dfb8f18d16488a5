package dev.dingbot.storage;

import dev.dingbot.core.port.HistoryStore;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.port.LinkStore;
import dev.dingbot.core.port.QuotaStore;
import dev.dingbot.core.port.SessionStore;
import dev.dingbot.core.port.UsageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every store port on plain files under one data directory, owned by one process at a time and readable by its
 * user only ({@link PrivateFiles}):
 * <pre>
 * dingbot.lock            held (OS file lock) while open; holds the owner's pid
 * sessions.jsonl          session journal (put / delete / purge)
 * quotas.jsonl            daily counters (day, user, used)
 * usage.jsonl             token use per day and model
 * inbox.jsonl             admit / complete journal of incoming messages
 * history/s-STAFFID.jsonl question/answer rows of a staff id, one JSON object a line
 * history/n-NICK.jsonl    rows of senders without a staff id
 * history/nicks.jsonl     which staff-id files hold rows of a nick
 * images/TOKEN.png        a generated image behind a link (png, jpg, gif or webp), kept for its TTL from the file's time
 * chatHistory/TOKEN.md    a conversation page behind a link, beside TOKEN.properties (its title and expiry)
 * write-probe.tmp         written and deleted every second while writes fail, to see them work again
 * </pre>
 * Journals are rewritten atomically (temp file, force, rename) once mostly dead. Under {@link FsyncPolicy#BATCH}
 * only the inbox is waited for; the other files are forced by a background thread within
 * {@link StorageSettings#backgroundForce()}. Thread-safe.
 */
public final class FileStorage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileStorage.class);
    private static final Duration WRITE_PROBE_INTERVAL = Duration.ofSeconds(1);

    private final Path dataDir;
    private final FileChannel lockChannel;
    private final Upkeep upkeep;
    private final FileLock lock;
    private final FileSessionStore sessions;
    private final FileHistoryStore history;
    private final FileQuotaStore quotas;
    private final FileInbox inbox;
    private final FileUsageLedger usage;
    private final FileLinkStore links;
    private volatile boolean open = true;

    private FileStorage(Path dataDir, FileChannel lockChannel, FileLock lock, List<Closeable> opened,
                        StorageSettings settings) throws IOException {
        this.dataDir = dataDir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.upkeep = remember(opened, new Upkeep());
        this.sessions = remember(opened, new FileSessionStore(dataDir.resolve("sessions.jsonl"), settings, upkeep));
        this.quotas = remember(opened, new FileQuotaStore(dataDir.resolve("quotas.jsonl"), settings, upkeep));
        this.usage = remember(opened, new FileUsageLedger(dataDir.resolve("usage.jsonl"), settings, upkeep));
        this.inbox = remember(opened, new FileInbox(dataDir.resolve("inbox.jsonl"), settings, upkeep));
        this.history = remember(opened, new FileHistoryStore(dataDir.resolve("history"), settings, upkeep));
        this.links = new FileLinkStore(dataDir, settings);
        if (Durability.ofRecords(settings.fsync()) == Durability.BACKGROUND) {
            upkeep.every(settings.backgroundForce(), "background force", this::forceWritten);
        }
        upkeep.every(WRITE_PROBE_INTERVAL, "write probe", this::probeWhileFailing);
    }

    /**
     * Opens (creating when missing) the data dir and reads its state.
     *
     * @throws DataDirInUseException when another process or another open {@code FileStorage} owns the dir
     * @throws UncheckedIOException  when the dir cannot be created, locked or read
     */
    public static FileStorage open(StorageSettings settings) {
        Path dataDir = settings.dataDir();
        Path lockFile = dataDir.resolve("dingbot.lock");
        List<Closeable> opened = new ArrayList<>();
        FileChannel channel = null;
        try {
            PrivateFiles.createDirectories(dataDir.resolve("history"));
            DiskFiles.forceDirectory(dataDir);
            channel = PrivateFiles.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) throw new DataDirInUseException(dataDir, lockFile);
            tightenOlderFiles(dataDir);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            FileStorage storage = new FileStorage(dataDir, channel, lock, opened, settings);
            log.info("Storage open in {} (fsync {})", dataDir.toAbsolutePath(), settings.fsync());
            return storage;
        } catch (IOException | RuntimeException e) {
            closeQuietly(opened);
            if (channel != null) closeQuietly(List.of(channel));
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot open data dir " + dataDir.toAbsolutePath() + ": "
                        + why(dataDir, io), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** What stopped the data dir from opening, in the operator's words. */
    static String why(Path dataDir, IOException e) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) return "it is a file, not a directory";
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + e.getMessage() + " for the user running dingbot ("
                    + System.getProperty("user.name") + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + (fs.getFile() == null ? "" : " (" + fs.getFile() + ")");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    public SessionStore sessions() {
        return sessions;
    }

    public HistoryStore history() {
        return history;
    }

    public QuotaStore quotas() {
        return quotas;
    }

    public Inbox inbox() {
        return inbox;
    }

    public UsageLedger usage() {
        return usage;
    }

    public LinkStore links() {
        return links;
    }

    /** For a readiness probe: open, still owning the dir, the dir writable, and the last write did not fail. */
    public boolean writable() {
        return open && lock.isValid() && Files.isDirectory(dataDir) && Files.isWritable(dataDir)
                && !upkeep.health().failing();
    }

    /** While writes fail, tries one every {@link #WRITE_PROBE_INTERVAL}, so that the storage is seen to recover. */
    private void probeWhileFailing() {
        if (!upkeep.health().failing()) return;
        Path probe = dataDir.resolve("write-probe.tmp");
        try {
            DiskFiles.writeDurably(probe, List.of("x".repeat(4095)));
            Files.delete(probe);
            upkeep.health().succeeded();
        } catch (IOException stillFailing) {
            log.debug("the data dir still takes no writes: {}", stillFailing.toString());
        }
    }

    /** Forces what sessions, quotas, usage and history wrote so far; the upkeep thread does so periodically. */
    void forceWritten() {
        sessions.forceWritten();
        quotas.forceWritten();
        usage.forceWritten();
        history.forceWritten();
    }

    /** Finishes queued upkeep, forces what is unforced, closes every file and gives up the data dir. */
    @Override
    public void close() {
        if (!open) return;
        open = false;
        IOException failure = null;
        for (Closeable store : List.<Closeable>of(upkeep, inbox, history, sessions, quotas, usage, lockChannel)) {
            try {
                store.close(); // closing the lock channel releases the lock
            } catch (IOException | UncheckedIOException e) {
                if (failure == null) failure = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
            }
        }
        if (failure != null) throw new UncheckedIOException("cannot close data dir " + dataDir.toAbsolutePath(), failure);
    }

    /** Files an older version left readable by other local users hold the same secrets: the owner's only now. */
    private static void tightenOlderFiles(Path dataDir) throws IOException {
        List<Path> tightened = PrivateFiles.tighten(dataDir);
        if (!tightened.isEmpty()) {
            log.info("Made {} files and directories under {} readable by their owner only"
                    + " (other users could read them)", tightened.size(), dataDir.toAbsolutePath());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM
        }
    }

    private static <T extends Closeable> T remember(List<Closeable> opened, T store) {
        opened.add(store);
        return store;
    }

    private static void closeQuietly(List<? extends Closeable> things) {
        for (Closeable c : things) {
            try {
                c.close();
            } catch (IOException | RuntimeException e) {
                log.debug("Closing after a failed open", e);
            }
        }
    }
}
