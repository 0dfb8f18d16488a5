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
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An append-only file of lines, each one record. Appends are serialised by a short write lock (no force inside it
 * except under {@link FsyncPolicy#ALWAYS}); under {@link FsyncPolicy#BATCH} one waiting writer forces the file
 * for everyone who wrote before it (group commit). A torn last line left by a crash is cut off on open.
 */
final class Journal implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final long POLL_NANOS = 50_000;
    static final long COMPACT_MIN_RECORDS = 1000;
    static final long COMPACT_MIN_BYTES = 16L << 20;

    private final Path path;
    private final FsyncPolicy policy;
    private final long lingerNanos;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock forceLock = new ReentrantLock(); // a force, a rewrite or a close at a time
    private final AtomicBoolean forcing = new AtomicBoolean();   // a group-commit leader is at work
    private final Queue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private FileChannel channel;  // guarded by writeLock
    private long size;            // guarded by writeLock
    private long records;         // guarded by writeLock: lines in the file, for compaction decisions
    private long written;         // guarded by writeLock: appends so far
    private volatile long synced; // appends known to be on disk
    private int lastBatch = 1;    // guarded by forceLock: writers covered by the last force

    private Journal(Path path, FsyncPolicy policy, Duration linger, long records) throws IOException {
        this.path = path;
        this.policy = policy;
        this.lingerNanos = linger.toNanos();
        this.records = records;
        this.channel = openForAppend(path);
        this.size = channel.size();
    }

    /**
     * Opens (creating when missing) a journal: cuts a torn last line, then feeds every remaining line to
     * {@code replay} (null: none) before appends may start.
     */
    static Journal open(Path path, FsyncPolicy policy, Duration linger, Consumer<String> replay) throws IOException {
        if (Files.notExists(path)) {
            Files.createFile(path);
            DiskFiles.forceDirectory(path.getParent());
        } else {
            cutTornTail(path);
        }
        long records = replay == null ? 0 : replay(path, replay);
        return new Journal(path, policy, linger, records);
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
     * Runs {@code change} under the write lock, appends {@code line.apply(result)} (nothing when null) and waits
     * for durability. Doing the change under the lock keeps the in-memory state in journal order.
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
            if (policy == FsyncPolicy.ALWAYS) {
                channel.force(false);
                synced = seq;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path, e);
        } finally {
            writeLock.unlock();
        }
        if (policy == FsyncPolicy.BATCH) awaitDurable(seq);
        return result;
    }

    /**
     * Rewrites the journal from {@code snapshot} once fewer than a third of its lines are still {@code live} and it
     * holds at least {@link #COMPACT_MIN_RECORDS} lines or {@link #COMPACT_MIN_BYTES} bytes (big session contexts).
     */
    void compactWhenMostlyDead(long live, Supplier<List<String>> snapshot) {
        boolean due;
        writeLock.lock();
        try {
            due = mostlyDead(live);
        } finally {
            writeLock.unlock();
        }
        if (due) rewrite(live, snapshot);
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
            if (!mostlyDead(live)) return; // another thread compacted meanwhile
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
            if (synced < written && policy != FsyncPolicy.NEVER) channel.force(false);
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
            linger();
            int batch = waiters.size() + 1;
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
            lastBatch = batch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot force " + path, e);
        } finally {
            forceLock.unlock();
        }
    }

    private void wakeWaiters() {
        for (Thread t = waiters.poll(); t != null; t = waiters.poll()) LockSupport.unpark(t);
    }

    /**
     * After a force shared by several writers, lingers while more writers keep arriving (at most the interval), so
     * a busy journal gathers bigger batches; a lone writer or a trickle is forced at once.
     */
    private void linger() {
        if (lingerNanos == 0 || lastBatch <= 1) return;
        long deadline = System.nanoTime() + lingerNanos;
        int queued = waiters.size();
        while (System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(POLL_NANOS);
            int now = waiters.size();
            if (now <= queued) return;
            queued = now;
        }
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
