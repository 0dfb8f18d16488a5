package dev.dingbot.app.http;

import dev.dingbot.storage.PrivateFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Ready-made checks for {@link AppHttpServer.Builder#readiness}. */
public final class ReadinessChecks {

    private ReadinessChecks() {
    }

    /**
     * True while a block can be written to a new file (then removed) in {@code dir}: the disk is there, not full,
     * not read-only. An empty file would not tell a full disk apart.
     */
    public static BooleanSupplier writableDirectory(Path dir) {
        return () -> {
            try {
                PrivateFiles.createDirectories(dir);
                Path probe = Files.createTempFile(dir, ".ready-", ".probe");
                try {
                    Files.write(probe, new byte[4096]);
                } finally {
                    Files.delete(probe);
                }
                return true;
            } catch (IOException | SecurityException e) {
                return false;
            }
        };
    }
}
