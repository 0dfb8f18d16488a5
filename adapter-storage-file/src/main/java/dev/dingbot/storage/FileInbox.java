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
 * Message ids in admission order, journalled to {@code inbox.jsonl} as {@code admit} (with the whole message) and
 * {@code complete} records. A completed id stays "seen" for the window after its completion time as stored, so
 * de-duplication survives restarts; pending messages stay until completed. Compaction keeps pending messages and
 * still-seen ids ({@code seen} records).
 */
final class FileInbox implements Inbox, Closeable {

    /** A known msgId: its message while pending (null once completed) and when it last changed. */
    private record Entry(IncomingMessage pending, Instant at) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(); // guarded by itself; admission order
    private final Clock clock;
    private final Duration window;
    private final Journal journal;

    FileInbox(Path file, StorageSettings settings) throws IOException {
        this.clock = settings.clock();
        this.window = settings.inboxWindow();
        this.journal = Journal.open(file, settings.fsync(), settings.batchInterval(), line -> apply(ModelJson.parse(line)));
        synchronized (entries) {
            forgetExpired(Long.MAX_VALUE);
        }
    }

    @Override
    public boolean admit(IncomingMessage message) {
        String msgId = message.msgId();
        synchronized (entries) {
            if (entries.containsKey(msgId)) return false;
        }
        Instant now = clock.instant();
        boolean admitted = journal.append(() -> {
            synchronized (entries) {
                forgetExpired(16);
                return entries.putIfAbsent(msgId, new Entry(message, now)) == null;
            }
        }, fresh -> fresh ? admitLine(message, now) : null);
        if (admitted) journal.compactWhenMostlyDead(size(), this::snapshot);
        return admitted;
    }

    @Override
    public void complete(String msgId) {
        Instant now = clock.instant();
        journal.append(() -> {
            synchronized (entries) {
                Entry e = entries.get(msgId);
                if (e == null || e.pending() == null) return false;
                entries.put(msgId, new Entry(null, now));
                return true;
            }
        }, changed -> changed ? ModelJson.line(ModelJson.object().put("op", "complete").put("msgId", msgId)
                .put("at", now.toString())) : null);
    }

    @Override
    public List<IncomingMessage> pending() {
        List<IncomingMessage> open = new ArrayList<>();
        synchronized (entries) {
            for (Entry e : entries.values()) {
                if (e.pending() != null) open.add(e.pending());
            }
        }
        return open;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /**
     * Drops completed ids whose window has passed, oldest first, stopping at the first still-seen id once
     * {@code budget} ids were looked at; pending messages are stepped over.
     */
    private void forgetExpired(long budget) {
        Instant horizon = clock.instant().minus(window);
        Iterator<Entry> it = entries.values().iterator();
        long looked = 0;
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.pending() != null) continue;
            if (e.at().isBefore(horizon)) it.remove();
            else if (++looked >= budget) return;
        }
    }

    private void apply(JsonNode record) {
        String op = ModelJson.text(record, "op");
        Instant at = ModelJson.instant(record, "at");
        synchronized (entries) {
            switch (op) {
                case "admit" -> {
                    IncomingMessage m = ModelJson.message(record.path("message"));
                    entries.putIfAbsent(m.msgId(), new Entry(m, at));
                }
                case "complete" -> entries.computeIfPresent(ModelJson.text(record, "msgId"), (id, e) -> new Entry(null, at));
                case "seen" -> entries.putIfAbsent(ModelJson.text(record, "msgId"), new Entry(null, at));
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
        synchronized (entries) {
            forgetExpired(Long.MAX_VALUE);
            entries.forEach((msgId, e) -> lines.add(e.pending() != null ? admitLine(e.pending(), e.at())
                    : ModelJson.line(ModelJson.object().put("op", "seen").put("msgId", msgId).put("at", e.at().toString()))));
        }
        return lines;
    }
}
