package dev.dingbot.storage;

import dev.dingbot.core.contract.LinkStoreContract;
import dev.dingbot.core.port.LinkStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

class FileLinkStoreContractTest extends LinkStoreContract {

    @TempDir
    Path dir;

    private FileStorage storage;

    @Override
    protected LinkStore store(Clock clock) {
        storage = FileStorage.open(StorageSettings.builder(dir).clock(clock).build());
        return storage.links();
    }

    @AfterEach
    void close() {
        storage.close();
    }
}
