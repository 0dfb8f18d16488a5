package dev.dingbot.core.memory;

import dev.dingbot.core.contract.HistoryStoreContract;
import dev.dingbot.core.port.HistoryStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryHistoryStoreContractTest extends HistoryStoreContract {

    private HistoryStore subject;

    @BeforeEach
    void fresh() {
        subject = new InMemoryHistoryStore();
    }

    @Override
    protected HistoryStore store() {
        return subject;
    }
}
