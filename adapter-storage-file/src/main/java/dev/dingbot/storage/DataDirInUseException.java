package dev.dingbot.storage;

import java.nio.file.Path;

/** Thrown by {@link FileStorage#open} when another process (or another open store) already owns the data dir. */
public final class DataDirInUseException extends IllegalStateException {

    private final transient Path dataDir;

    DataDirInUseException(Path dataDir, Path lockFile) {
        super("data dir " + dataDir.toAbsolutePath() + " is in use: another dingbot owns it (it holds the lock on "
                + lockFile.getFileName() + "). Stop that process or give this one its own data dir.");
        this.dataDir = dataDir;
    }

    public Path dataDir() {
        return dataDir;
    }
}
