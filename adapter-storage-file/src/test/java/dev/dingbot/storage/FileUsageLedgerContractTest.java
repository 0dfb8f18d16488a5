package dev.dingbot.storage;

import dev.dingbot.core.contract.UsageLedgerContract;
import dev.dingbot.core.port.UsageLedger;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileUsageLedgerContractTest extends UsageLedgerContract {

    @RegisterExtension
    final StorageExtension files = new StorageExtension();

    @Override
    protected UsageLedger ledger() {
        return files.storage().usage();
    }
}
