package dev.dingbot.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.Inbox;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incoming messages journalled to {@code inbox.jsonl} as {@code admit} (the whole message) and {@code complete}
 * records. Pending messages are kept until completed; a completed msgId stays "seen" for the window after its
 * stored completion time, so de-duplication survives restarts. Compaction keeps the pending messages and the
 * still-seen ids ({@code seen} records).
 */
final class FileInbox implements Inbox, Closeable {

    /** A message admitted but not completed, and when it was admitted. */
    private record Pending(IncomingMessage message, Instant at) {
    }

    private final Object lock = new Object();
    private final Map<String, Pending> pending = new LinkedHashMap<>(); // guarded by lock; admission order
    private final Map<String, Instant> seen = new LinkedHashMap<>();    // guarded by lock; completion order
    private final Clock clock;
    private final Duration window;
    private final Journal journal;

    FileInbox(Path file, StorageSettings settings, Upkeep upkeep) throws IOException {
        this.clock = settings.clock();
        this.window = settings.inboxWindow();
        this.journal = Journal.open(file, Durability.ofInbox(settings.fsync()), upkeep, line -> apply(ModelJson.parse(line)));
        synchronized (lock) {
            forgetExpired();
        }
    }

    @Override
    public boolean admit(IncomingMessage message) {
        String msgId = message.msgId();
        synchronized (lock) {
            if (known(msgId)) return false;
        }
        Pending fresh = new Pending(message, clock.instant());
        boolean admitted;
        try {
            admitted = journal.append(() -> {
                synchronized (lock) {
                    forgetExpired();
                    if (known(msgId)) return false;
                    pending.put(msgId, fresh);
                    return true;
                }
            }, added -> added ? admitLine(message, fresh.at()) : null);
        } catch (RuntimeException notJournaled) {
            synchronized (lock) {
                pending.remove(msgId, fresh); // not seen either: a redelivery is admitted
            }
            throw notJournaled;
        }
        if (admitted) journal.compactWhenMostlyDead(this::size, this::snapshot);
        return admitted;
    }

    @Override
    public void complete(String msgId) {
        Instant now = clock.instant();
        journal.append(() -> {
            synchronized (lock) {
                return pending.remove(msgId) != null && seen.put(msgId, now) == null;
            }
        }, done -> done ? ModelJson.line(ModelJson.object().put("op", "complete").put("msgId", msgId)
                .put("at", now.toString())) : null);
    }

    @Override
    public List<IncomingMessage> pending() {
        synchronized (lock) {
            return pending.values().stream().map(Pending::message).toList();
        }
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private boolean known(String msgId) {
        return pending.containsKey(msgId) || seen.containsKey(msgId);
    }

    private int size() {
        synchronized (lock) {
            return pending.size() + seen.size();
        }
    }

    /** Forgets completed ids whose window has passed: the oldest come first, so it stops at the first one kept. */
    private void forgetExpired() {
        Instant horizon = clock.instant().minus(window);
        Iterator<Instant> it = seen.values().iterator();
        while (it.hasNext() && it.next().isBefore(horizon)) it.remove();
    }

    private void apply(JsonNode record) {
        String op = ModelJson.text(record, "op");
        Instant at = ModelJson.instant(record, "at");
        synchronized (lock) {
            switch (op) {
                case "admit" -> {
                    IncomingMessage m = ModelJson.message(record.path("message"));
                    if (!known(m.msgId())) pending.put(m.msgId(), new Pending(m, at));
                }
                case "complete" -> {
                    String msgId = ModelJson.text(record, "msgId");
                    if (pending.remove(msgId) != null) seen.put(msgId, at);
                }
                case "seen" -> seen.putIfAbsent(ModelJson.text(record, "msgId"), at);
                default -> throw new IllegalArgumentException("unknown op " + op);
            }
        }
    }

    private static String admitLine(IncomingMessage message, Instant at) {
        var record = ModelJson.object().put("op", "admit").put("at", at.toString());
        record.set("message", ModelJson.message(message));
        return ModelJson.line(record);
    }

    private List<String> snapshot() {
        List<String> lines = new ArrayList<>();
        synchronized (lock) {
            forgetExpired();
            seen.forEach((msgId, at) -> lines.add(ModelJson.line(ModelJson.object().put("op", "seen")
                    .put("msgId", msgId).put("at", at.toString()))));
            pending.values().forEach(p -> lines.add(admitLine(p.message(), p.at())));
        }
        return lines;
    }
}
