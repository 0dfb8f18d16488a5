package dev.dingbot.core.memory;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.Inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Remembers the last {@code capacity} msgIds; pending messages are lost with the process. */
public final class InMemoryInbox implements Inbox {

    private final int capacity;
    private final Map<String, IncomingMessage> seen;

    public InMemoryInbox() {
        this(100_000);
    }

    public InMemoryInbox(int capacity) {
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>();
    }

    @Override
    public synchronized boolean admit(IncomingMessage message) {
        if (seen.containsKey(message.msgId())) return false;
        seen.put(message.msgId(), message);
        if (seen.size() > capacity) {
            seen.remove(seen.keySet().iterator().next());
        }
        return true;
    }

    @Override
    public synchronized void complete(String msgId) {
        seen.replace(msgId, null);
    }

    @Override
    public synchronized List<IncomingMessage> pending() {
        List<IncomingMessage> open = new ArrayList<>();
        for (IncomingMessage m : seen.values()) {
            if (m != null) open.add(m);
        }
        return open;
    }
}
