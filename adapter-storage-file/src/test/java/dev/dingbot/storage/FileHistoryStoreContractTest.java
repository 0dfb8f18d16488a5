package dev.dingbot.storage;

import dev.dingbot.core.contract.HistoryStoreContract;
import dev.dingbot.core.port.HistoryStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileHistoryStoreContractTest extends HistoryStoreContract {

    @RegisterExtension
    final StorageExtension files = new StorageExtension();

    @Override
    protected HistoryStore store() {
        return files.storage().history();
    }
}
