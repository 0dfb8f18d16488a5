package dev.dingbot.core.memory;

import dev.dingbot.core.contract.UsageLedgerContract;
import dev.dingbot.core.port.UsageLedger;
import org.junit.jupiter.api.BeforeEach;

class InMemoryUsageLedgerContractTest extends UsageLedgerContract {

    private UsageLedger subject;

    @BeforeEach
    void fresh() {
        subject = new InMemoryUsageLedger();
    }

    @Override
    protected UsageLedger ledger() {
        return subject;
    }
}
