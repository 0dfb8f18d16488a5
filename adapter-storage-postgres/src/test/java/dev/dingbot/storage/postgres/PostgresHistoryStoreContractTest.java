package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.HistoryStoreContract;
import dev.dingbot.core.port.HistoryStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresHistoryStoreContractTest extends HistoryStoreContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    @Override
    protected HistoryStore store() {
        return db.storage().history();
    }
}
