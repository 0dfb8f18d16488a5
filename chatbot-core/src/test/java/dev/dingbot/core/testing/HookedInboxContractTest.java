package dev.dingbot.core.testing;

import dev.dingbot.core.contract.InboxContract;
import dev.dingbot.core.port.Inbox;
import org.junit.jupiter.api.BeforeEach;

/** With a hook that lets every admission through, the fake keeps the promises of every inbox. */
class HookedInboxContractTest extends InboxContract {

    private Inbox subject;

    @BeforeEach
    void fresh() {
        subject = new HookedInbox(message -> { });
    }

    @Override
    protected Inbox inbox() {
        return subject;
    }
}
