package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.QuotaStoreContract;
import dev.dingbot.core.port.QuotaStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresQuotaStoreContractTest extends QuotaStoreContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    @Override
    protected QuotaStore store() {
        return db.storage().quotas();
    }
}
