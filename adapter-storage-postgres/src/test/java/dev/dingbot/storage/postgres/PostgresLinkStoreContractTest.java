package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.LinkStoreContract;
import dev.dingbot.core.port.LinkStore;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

class PostgresLinkStoreContractTest extends LinkStoreContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    @Override
    protected LinkStore store(Clock clock) {
        return db.open(db.settings().clock(clock).build()).links();
    }
}
