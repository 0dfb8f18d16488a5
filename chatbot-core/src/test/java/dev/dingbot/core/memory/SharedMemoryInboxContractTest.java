package dev.dingbot.core.memory;

import dev.dingbot.core.contract.SharedInboxContract;
import dev.dingbot.core.port.Inbox;
import dev.dingbot.core.testing.MutableClock;
import dev.dingbot.core.testing.SharedMemoryInbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

class SharedMemoryInboxContractTest extends SharedInboxContract {

    private final MutableClock clock = aClock();
    private final SharedMemoryInbox.Board board = new SharedMemoryInbox.Board(clock, Duration.ofSeconds(30));
    private final Map<String, Inbox> instances = new HashMap<>();

    @Override
    protected Inbox instance(String id) {
        return instances.computeIfAbsent(id, board::instance);
    }

    @Override
    protected MutableClock clock() {
        return clock;
    }
}
