package dev.dingbot.storage;

import dev.dingbot.core.contract.QuotaStoreContract;
import dev.dingbot.core.port.QuotaStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileQuotaStoreContractTest extends QuotaStoreContract {

    @RegisterExtension
    final StorageExtension files = new StorageExtension();

    @Override
    protected QuotaStore store() {
        return files.storage().quotas();
    }
}
