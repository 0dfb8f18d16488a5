package dev.dingbot.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * An append-only file of lines, each one record. Appends are serialised by a short write lock; how they reach the
 * disk is the journal's {@link Durability} (a force inside the lock only for {@code EACH_APPEND}; for
 * {@code GROUP_COMMIT} one waiting writer forces the file for everyone who wrote before it). Compaction runs on the
 * storage's upkeep thread. A torn last line left by a crash is cut off on open.
 */
final class Journal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    static final long COMPACT_MIN_RECORDS = 1000;
    static final long COMPACT_MIN_BYTES = 16L << 20;

    private final Path path;
    private final Durability durability;
    private final Upkeep upkeep;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock forceLock = new ReentrantLock(); // a force, a rewrite or a close at a time
    private final AtomicBoolean forcing = new AtomicBoolean();   // a group-commit leader is at work
    private final AtomicBoolean compactionQueued = new AtomicBoolean();
    private final Queue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private FileChannel channel;  // guarded by writeLock
    private long size;            // guarded by writeLock
    private long records;         // guarded by writeLock: lines in the file, for compaction decisions
    private long written;         // guarded by writeLock: appends so far
    private volatile long synced; // appends known to be on disk
    private volatile boolean directoryUnforced; // created, and its directory entry not yet forced

    private Journal(Path path, Durability durability, Upkeep upkeep, long records, boolean created) throws IOException {
        this.path = path;
        this.durability = durability;
        this.upkeep = upkeep;
        this.records = records;
        this.directoryUnforced = created && durability == Durability.BACKGROUND;
        this.channel = openForAppend(path);
        this.size = channel.size();
    }

    /**
     * Opens (creating when missing) a journal: cuts a torn last line, then feeds every remaining line to
     * {@code replay} (null: none) before appends may start. A new file's directory entry is forced at once, except
     * for {@code BACKGROUND} journals, whose next background force includes it.
     */
    static Journal open(Path path, Durability durability, Upkeep upkeep, Consumer<String> replay) throws IOException {
        boolean created = Files.notExists(path);
        if (created) {
            PrivateFiles.createFile(path);
            if (durability == Durability.EACH_APPEND || durability == Durability.GROUP_COMMIT) {
                DiskFiles.forceDirectory(path.getParent());
            }
        } else {
            cutTornTail(path);
        }
        long records = replay == null ? 0 : replay(path, replay);
        return new Journal(path, durability, upkeep, records, created);
    }

    /** Feeds every line to {@code each}; a line it cannot take is skipped with a warning. Returns the lines read. */
    private static long replay(Path path, Consumer<String> each) throws IOException {
        long count = 0;
        long lineNo = 0;
        // lenient decoding: bad bytes become U+FFFD and fail as JSON below, so one bad line never hides the rest
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) continue;
                count++;
                try {
                    each.accept(line);
                } catch (RuntimeException e) {
                    log.warn("Skipping unreadable line {} of {}: {}", lineNo, path, e.toString());
                }
            }
        }
        return count;
    }

    /**
     * Runs {@code change} under the write lock, appends {@code line.apply(result)} (nothing when null) and returns
     * once the line is as durable as the journal's {@link Durability} asks. Doing the change under the lock keeps
     * the in-memory state in journal order.
     */
    <T> T append(Supplier<T> change, Function<T, String> line) {
        long seq;
        T result;
        writeLock.lock();
        try {
            result = change.get();
            String text = line.apply(result);
            if (text == null) return result;
            write(text);
            seq = ++written;
            if (durability == Durability.EACH_APPEND) {
                channel.force(false);
                synced = seq;
            }
            upkeep.health().succeeded();
        } catch (IOException e) {
            upkeep.health().failed(path, e);
            throw new UncheckedIOException("cannot append to " + path, e);
        } finally {
            writeLock.unlock();
        }
        if (durability == Durability.GROUP_COMMIT) awaitDurable(seq);
        return result;
    }

    /** Forces what was written so far, and a new file's directory entry: the background force. */
    void forceWritten() {
        long target;
        writeLock.lock();
        try {
            target = written;
        } finally {
            writeLock.unlock();
        }
        if (synced < target) awaitDurable(target);
        if (directoryUnforced) {
            try {
                DiskFiles.forceDirectory(path.getParent());
            } catch (IOException e) {
                upkeep.health().failed(path.getParent(), e);
                throw new UncheckedIOException("cannot force the directory of " + path, e);
            }
            directoryUnforced = false;
        }
    }

    /** Whether something written is not yet known to be on the disk. */
    boolean unforced() {
        writeLock.lock();
        try {
            return synced < written || directoryUnforced;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Has the upkeep thread rewrite the journal from {@code snapshot} once fewer than a third of its lines are still
     * {@code live} and it holds at least {@link #COMPACT_MIN_RECORDS} lines or {@link #COMPACT_MIN_BYTES} bytes (big
     * session contexts).
     */
    void compactWhenMostlyDead(LongSupplier live, Supplier<List<String>> snapshot) {
        if (!due(live.getAsLong()) || !compactionQueued.compareAndSet(false, true)) return;
        upkeep.execute("compacting " + path.getFileName(), () -> {
            try {
                rewrite(live.getAsLong(), snapshot);
            } finally {
                compactionQueued.set(false);
            }
        });
    }

    private boolean due(long live) {
        writeLock.lock();
        try {
            return mostlyDead(live);
        } finally {
            writeLock.unlock();
        }
    }

    private boolean mostlyDead(long live) { // under writeLock
        return (records >= COMPACT_MIN_RECORDS || size >= COMPACT_MIN_BYTES) && records > 3 * live;
    }

    /**
     * Replaces the file by {@code snapshot} (taken under the write lock): written to a temp file, forced, renamed
     * over the journal, directory forced. Appends wait meanwhile.
     */
    private void rewrite(long live, Supplier<List<String>> snapshot) {
        forceLock.lock();
        writeLock.lock();
        try {
            if (!channel.isOpen() || !mostlyDead(live)) return; // closed, or compacted meanwhile
            List<String> lines = snapshot.get();
            Path temp = path.resolveSibling(path.getFileName() + ".tmp");
            DiskFiles.writeDurably(temp, lines);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            DiskFiles.forceDirectory(path.getParent());
            channel.close();
            channel = openForAppend(path);
            size = channel.size();
            records = lines.size();
            synced = written;
        } catch (IOException e) {
            upkeep.health().failed(path, e);
            throw new UncheckedIOException("cannot compact " + path, e);
        } finally {
            writeLock.unlock();
            forceLock.unlock();
            wakeWaiters();
        }
    }

    @Override
    public void close() throws IOException {
        forceLock.lock();
        writeLock.lock();
        try {
            if (!channel.isOpen()) return;
            if (synced < written && durability != Durability.NONE) channel.force(false);
            if (directoryUnforced) DiskFiles.forceDirectory(path.getParent());
            directoryUnforced = false;
            synced = written;
            channel.close();
        } finally {
            writeLock.unlock();
            forceLock.unlock();
            wakeWaiters();
        }
    }

    private void write(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) channel.write(buf);
        } catch (IOException e) {
            channel.truncate(size); // never leave half a line for the next append to glue onto
            throw e;
        }
        size += buf.limit();
        records++;
    }

    /**
     * Group commit. The first writer to find no force running becomes the leader and forces everything written so
     * far; the others park until a force covers them. The leader wakes them all at once, so no writer waits in a
     * chain of lock hand-overs.
     */
    private void awaitDurable(long seq) {
        while (synced < seq) {
            if (forcing.compareAndSet(false, true)) {
                try {
                    forceAll(seq);
                } finally {
                    forcing.set(false);
                    wakeWaiters();
                }
            } else {
                waiters.add(Thread.currentThread());
                if (synced < seq && forcing.get()) LockSupport.park(this); // the leader unparks every waiter
            }
        }
    }

    private void forceAll(long seq) {
        forceLock.lock(); // excludes a rewrite or close swapping the channel meanwhile
        try {
            if (synced >= seq) return; // a rewrite or close made it durable already
            long target;
            FileChannel ch;
            writeLock.lock();
            try {
                target = written;
                ch = channel;
            } finally {
                writeLock.unlock();
            }
            ch.force(false);
            synced = Math.max(synced, target);
        } catch (IOException e) {
            upkeep.health().failed(path, e);
            throw new UncheckedIOException("cannot force " + path, e);
        } finally {
            forceLock.unlock();
        }
    }

    private void wakeWaiters() {
        for (Thread t = waiters.poll(); t != null; t = waiters.poll()) LockSupport.unpark(t);
    }

    private static FileChannel openForAppend(Path path) throws IOException {
        return FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** A crash can leave the last line half written: cut the file back to its last newline. */
    private static void cutTornTail(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long keep = DiskFiles.endOfLastLine(ch, size);
            if (keep < size) {
                log.warn("Dropping a torn last line of {} bytes at the end of {} (left by a crash)", size - keep, path);
                ch.truncate(keep);
                ch.force(false);
            }
        }
    }
}
