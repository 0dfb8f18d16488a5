package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.SharedInboxContract;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

/** Instances are storages of their own on one database, each named by its id, all on the contract's clock. */
class PostgresSharedInboxContractTest extends SharedInboxContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    private final MutableClock clock = aClock();
    private final Map<String, Inbox> instances = new HashMap<>();

    @Override
    protected Inbox instance(String id) {
        return instances.computeIfAbsent(id, named -> db.open(db.settings().instanceId(named).clock(clock).build()).inbox());
    }

    @Override
    protected MutableClock clock() {
        return clock;
    }
}
