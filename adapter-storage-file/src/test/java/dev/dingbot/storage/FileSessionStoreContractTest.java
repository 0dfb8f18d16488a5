package dev.dingbot.storage;

import dev.dingbot.core.contract.SessionStoreContract;
import dev.dingbot.core.port.SessionStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileSessionStoreContractTest extends SessionStoreContract {

    @RegisterExtension
    final StorageExtension files = new StorageExtension();

    @Override
    protected SessionStore store() {
        return files.storage().sessions();
    }
}
