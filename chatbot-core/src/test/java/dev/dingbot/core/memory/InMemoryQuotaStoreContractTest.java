package dev.dingbot.core.memory;

import dev.dingbot.core.contract.QuotaStoreContract;
import dev.dingbot.core.port.QuotaStore;
import org.junit.jupiter.api.BeforeEach;

class InMemoryQuotaStoreContractTest extends QuotaStoreContract {

    private QuotaStore subject;

    @BeforeEach
    void fresh() {
        subject = new InMemoryQuotaStore();
    }

    @Override
    protected QuotaStore store() {
        return subject;
    }
}
