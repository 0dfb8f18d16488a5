package dev.dingbot.core.testing;

import dev.dingbot.core.memory.InMemoryInbox;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.Inbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-memory inbox that runs a hook before each admission: the hook may throw, as a file inbox on a full disk
 * does, or wait, as one waiting for a shared disk force does.
 */
public final class HookedInbox implements Inbox {

    private final InMemoryInbox kept = new InMemoryInbox();
    private final Consumer<IncomingMessage> beforeAdmit;

    public HookedInbox(Consumer<IncomingMessage> beforeAdmit) {
        this.beforeAdmit = beforeAdmit;
    }

    /** What a full disk makes a file inbox throw. */
    public static UncheckedIOException diskFull() {
        return new UncheckedIOException(new IOException("No space left on device"));
    }

    @Override
    public boolean admit(IncomingMessage message) {
        beforeAdmit.accept(message);
        return kept.admit(message);
    }

    @Override
    public void complete(String msgId) {
        kept.complete(msgId);
    }

    @Override
    public List<IncomingMessage> pending() {
        return kept.pending();
    }
}
