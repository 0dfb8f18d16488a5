package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.port.Inbox;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresInboxContractTest extends InboxContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    @Override
    protected Inbox inbox() {
        return db.storage().inbox();
    }
}
