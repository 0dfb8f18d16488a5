package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.ReplayGuardContract;
import dev.dingbot.core.port.ReplayGuard;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

class PostgresReplayGuardContractTest extends ReplayGuardContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    @Override
    protected ReplayGuard guard(Clock clock) {
        return db.open(db.settings().clock(clock).build()).replayGuard();
    }
}
