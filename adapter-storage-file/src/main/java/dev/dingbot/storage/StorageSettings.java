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
 * @param backgroundForce {@link FsyncPolicy#BATCH} only: how soon sessions, quotas, usage and history are forced
 *                      after being written (the inbox is forced before an admission returns)
 * @param clock         the time inbox entries are stamped with and expire by
 * @param inboxWindow   how long a completed message id stays "seen" for de-duplication
 * @param imageTtl      how long an image under {@code images/} is kept after it was written: the file keeps no
 *                      expiry of its own, only its time
 */
public record StorageSettings(Path dataDir, FsyncPolicy fsync, Duration backgroundForce, Clock clock,
                              Duration inboxWindow, Duration imageTtl) {

    public static final Path DEFAULT_DATA_DIR = Path.of("data");
    /** A power cut may take the last second of session, quota, usage and history changes; never a question. */
    public static final Duration DEFAULT_BACKGROUND_FORCE = Duration.ofSeconds(1);
    public static final Duration DEFAULT_INBOX_WINDOW = Duration.ofHours(24);
    public static final Duration DEFAULT_IMAGE_TTL = Duration.ofDays(7);

    public StorageSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(backgroundForce, "backgroundForce");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(inboxWindow, "inboxWindow");
        Objects.requireNonNull(imageTtl, "imageTtl");
        if (backgroundForce.isNegative() || backgroundForce.isZero()) {
            throw new IllegalArgumentException("backgroundForce must be positive: " + backgroundForce);
        }
        if (inboxWindow.isNegative()) throw new IllegalArgumentException("inboxWindow must not be negative: " + inboxWindow);
        if (imageTtl.isNegative()) throw new IllegalArgumentException("imageTtl must not be negative: " + imageTtl);
    }

    /**
     * Batch fsync (the inbox by group commit, the rest within a second), the UTC clock, a 24 h de-duplication
     * window and images kept for 7 days.
     */
    public static StorageSettings defaults(Path dataDir) {
        return builder(dataDir).build();
    }

    /** {@link #defaults(Path)} under {@code data/} of the working directory. */
    public static StorageSettings defaults() {
        return defaults(DEFAULT_DATA_DIR);
    }

    /** Settings for {@code dataDir} with the {@linkplain #defaults(Path) defaults}, each changeable by name. */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public static final class Builder {
        private final Path dataDir;
        private FsyncPolicy fsync = FsyncPolicy.BATCH;
        private Duration backgroundForce = DEFAULT_BACKGROUND_FORCE;
        private Clock clock = Clock.systemUTC();
        private Duration inboxWindow = DEFAULT_INBOX_WINDOW;
        private Duration imageTtl = DEFAULT_IMAGE_TTL;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder fsync(FsyncPolicy value) { fsync = value; return this; }
        public Builder backgroundForce(Duration value) { backgroundForce = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }
        public Builder inboxWindow(Duration value) { inboxWindow = value; return this; }
        public Builder imageTtl(Duration value) { imageTtl = value; return this; }

        public StorageSettings build() {
            return new StorageSettings(dataDir, fsync, backgroundForce, clock, inboxWindow, imageTtl);
        }
    }
}
