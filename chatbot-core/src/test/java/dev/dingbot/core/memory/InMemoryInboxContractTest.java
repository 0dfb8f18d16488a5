package dev.dingbot.core.memory;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.port.Inbox;
import org.junit.jupiter.api.BeforeEach;

class InMemoryInboxContractTest extends InboxContract {

    private Inbox subject;

    @BeforeEach
    void fresh() {
        subject = new InMemoryInbox();
    }

    @Override
    protected Inbox inbox() {
        return subject;
    }
}
