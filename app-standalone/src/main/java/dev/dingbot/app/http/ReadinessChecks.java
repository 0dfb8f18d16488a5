package dev.dingbot.app.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/** Ready-made checks for {@link AppHttpServer.Builder#readiness}. */
public final class ReadinessChecks {

    private ReadinessChecks() {
    }

    /** True while a file can be created (and removed) in {@code dir}: the disk is there, not full, not read-only. */
    public static BooleanSupplier writableDirectory(Path dir) {
        return () -> {
            try {
                Files.createDirectories(dir);
                Path probe = Files.createTempFile(dir, ".ready-", ".probe");
                Files.delete(probe);
                return true;
            } catch (IOException | SecurityException e) {
                return false;
            }
        };
    }
}
