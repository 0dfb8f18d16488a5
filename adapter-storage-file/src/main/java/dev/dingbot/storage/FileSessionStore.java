package dev.dingbot.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.port.SessionStore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions in memory, every change appended to {@code sessions.jsonl} ({@code put}, {@code delete}, {@code purge}
 * records) and the file rewritten as one {@code put} per live session once it is mostly dead lines.
 */
final class FileSessionStore implements SessionStore, Closeable {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Journal journal;

    FileSessionStore(Path file, StorageSettings settings, Upkeep upkeep) throws IOException {
        this.journal = Journal.open(file, Durability.ofRecords(settings.fsync()), upkeep, line -> apply(ModelJson.parse(line)));
    }

    @Override
    public Optional<Session> find(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    @Override
    public void save(String key, Session session) {
        journal.append(() -> sessions.put(key, session), previous -> putLine(key, session));
        journal.compactWhenMostlyDead(sessions::size, this::snapshot);
    }

    @Override
    public void delete(String key) {
        journal.append(() -> sessions.remove(key),
                removed -> removed == null ? null : ModelJson.line(ModelJson.object().put("op", "delete").put("key", key)));
    }

    @Override
    public int purgeUpdatedBefore(Instant cutoff) {
        int purged = journal.append(() -> purge(cutoff), n -> n == 0 ? null
                : ModelJson.line(ModelJson.object().put("op", "purge").put("before", cutoff.toString())));
        journal.compactWhenMostlyDead(sessions::size, this::snapshot);
        return purged;
    }

    /** The background force: see {@link Durability#BACKGROUND}. */
    void forceWritten() {
        journal.forceWritten();
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private int purge(Instant cutoff) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.updatedAt().isBefore(cutoff));
        return before - sessions.size();
    }

    private void apply(JsonNode record) {
        String op = ModelJson.text(record, "op");
        switch (op) {
            case "put" -> sessions.put(ModelJson.text(record, "key"), ModelJson.session(record.path("session")));
            case "delete" -> sessions.remove(ModelJson.text(record, "key"));
            case "purge" -> purge(ModelJson.instant(record, "before"));
            default -> throw new IllegalArgumentException("unknown op " + op);
        }
    }

    private static String putLine(String key, Session session) {
        var record = ModelJson.object().put("op", "put").put("key", key);
        record.set("session", ModelJson.session(session));
        return ModelJson.line(record);
    }

    private List<String> snapshot() {
        List<String> lines = new ArrayList<>(sessions.size());
        sessions.forEach((key, session) -> lines.add(putLine(key, session)));
        return lines;
    }
}
