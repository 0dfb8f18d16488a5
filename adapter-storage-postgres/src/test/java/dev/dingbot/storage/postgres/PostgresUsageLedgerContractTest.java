package dev.dingbot.storage.postgres;

import dev.dingbot.core.contract.UsageLedgerContract;
import dev.dingbot.core.port.UsageLedger;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresUsageLedgerContractTest extends UsageLedgerContract {

    @RegisterExtension
    static final DatabaseExtension db = new DatabaseExtension();

    @Override
    protected UsageLedger ledger() {
        return db.storage().usage();
    }
}
