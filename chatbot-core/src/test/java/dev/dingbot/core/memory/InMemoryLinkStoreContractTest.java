package dev.dingbot.core.memory;

import dev.dingbot.core.contract.LinkStoreContract;
import dev.dingbot.core.port.LinkStore;

import java.time.Clock;

class InMemoryLinkStoreContractTest extends LinkStoreContract {

    @Override
    protected LinkStore store(Clock clock) {
        return new InMemoryLinkStore(clock);
    }
}
