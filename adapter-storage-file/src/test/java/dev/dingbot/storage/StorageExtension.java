package dev.dingbot.storage;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A {@link FileStorage} (batch fsync) on a fresh temp dir for each test; closed and deleted after it. */
final class StorageExtension implements BeforeEachCallback, AfterEachCallback {

    private Path dir;
    private FileStorage storage;

    FileStorage storage() {
        return storage;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("dingbot-storage");
        storage = FileStorage.open(StorageSettings.defaults(dir));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        storage.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
