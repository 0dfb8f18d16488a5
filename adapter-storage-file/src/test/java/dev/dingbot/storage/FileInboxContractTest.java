package dev.dingbot.storage;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.port.Inbox;
import org.junit.jupiter.api.extension.RegisterExtension;

class FileInboxContractTest extends InboxContract {

    @RegisterExtension
    final StorageExtension files = new StorageExtension();

    @Override
    protected Inbox inbox() {
        return files.storage().inbox();
    }
}
