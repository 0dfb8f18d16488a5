package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.SessionStoreContract;
import dev.dingbot.core.port.SessionStore;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSessionStoreContractTest extends SessionStoreContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    @Override
    protected SessionStore store() {
        return db.storage().sessions();
    }
}
