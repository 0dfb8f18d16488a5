package dev.dingbot.core.memory;

import dev.dingbot.core.contract.SessionStoreContract;
import dev.dingbot.core.port.SessionStore;
import org.junit.jupiter.api.BeforeEach;

class InMemorySessionStoreContractTest extends SessionStoreContract {

    private SessionStore subject;

    @BeforeEach
    void fresh() {
        subject = new InMemorySessionStore();
    }

    @Override
    protected SessionStore store() {
        return subject;
    }
}
