package dev.dingbot.storage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the file stores keep their data.
 *
 * @param dataDir       directory holding every file; created when missing
 * @param fsync         durability of appends
 * @param batchInterval {@link FsyncPolicy#BATCH} only: the longest a group commit lingers while more writers keep
 *                      joining it (a lone writer is forced at once); zero never lingers
 * @param clock         the time inbox entries are stamped with and expire by
 * @param inboxWindow   how long a completed message id stays "seen" for de-duplication
 */
public record StorageSettings(Path dataDir, FsyncPolicy fsync, Duration batchInterval, Clock clock,
                              Duration inboxWindow) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    /**
     * No lingering by default: writers that arrive while a force runs already share the next one, and measured
     * end to end (docs/BENCHMARKS.md) lingering only added latency without raising throughput.
     */
    public static final Duration DEFAULT_BATCH_INTERVAL = Duration.ZERO;
    public static final Duration DEFAULT_INBOX_WINDOW = Duration.ofHours(24);

    public StorageSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(batchInterval, "batchInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(inboxWindow, "inboxWindow");
        if (batchInterval.isNegative()) throw new IllegalArgumentException("batchInterval must not be negative: " + batchInterval);
        if (inboxWindow.isNegative()) throw new IllegalArgumentException("inboxWindow must not be negative: " + inboxWindow);
    }

    /** Batch fsync (group commit without lingering), the UTC system clock and a 24 h de-duplication window. */
    public static StorageSettings defaults(Path dataDir) {
        return new StorageSettings(dataDir, FsyncPolicy.BATCH, DEFAULT_BATCH_INTERVAL, Clock.systemUTC(),
                DEFAULT_INBOX_WINDOW);
    }

    /** {@link #defaults(Path)} under {@code data/} of the working directory. */
    public static StorageSettings defaults() {
        return defaults(DEFAULT_DATA_DIR);
    }

    public StorageSettings withFsync(FsyncPolicy policy) {
        return new StorageSettings(dataDir, policy, batchInterval, clock, inboxWindow);
    }

    public StorageSettings withBatchInterval(Duration interval) {
        return new StorageSettings(dataDir, fsync, interval, clock, inboxWindow);
    }

    public StorageSettings withClock(Clock newClock) {
        return new StorageSettings(dataDir, fsync, batchInterval, newClock, inboxWindow);
    }

    public StorageSettings withInboxWindow(Duration window) {
        return new StorageSettings(dataDir, fsync, batchInterval, clock, window);
    }
}
