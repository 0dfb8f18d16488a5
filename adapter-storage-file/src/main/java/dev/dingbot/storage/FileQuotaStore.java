package dev.dingbot.storage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.port.QuotaStore;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Daily counters in memory; each change appends {@code {"day","user","used"}} to {@code quotas.jsonl} (the new
 * count, so replay is a plain overwrite). Counters of days more than one day before the newest day counted are
 * dropped, which keeps memory and the compacted file to about two days of users.
 */
final class FileQuotaStore implements QuotaStore, Closeable {

    private static final int REFUSED = -1;

    private final Map<Key, Integer> counts = new ConcurrentHashMap<>();
    private final Journal journal;
    private LocalDate newestDay = LocalDate.MIN; // guarded by the journal's write lock

    private record Key(String user, LocalDate day) {
    }

    FileQuotaStore(Path file, StorageSettings settings, Upkeep upkeep) throws IOException {
        this.journal = Journal.open(file, Durability.ofRecords(settings.fsync()), upkeep, line -> apply(ModelJson.parse(line)));
    }

    @Override
    public boolean tryAcquire(String user, LocalDate day, int limit) {
        Key key = new Key(user, day);
        if (used(key) >= limit) return false; // refusals write nothing
        int now = journal.append(() -> {
            int used = used(key);
            if (used >= limit) return REFUSED;
            set(key, used + 1);
            return used + 1;
        }, used -> used == REFUSED ? null : line(key, used));
        journal.compactWhenMostlyDead(counts::size, this::snapshot);
        return now != REFUSED;
    }

    @Override
    public void release(String user, LocalDate day) {
        Key key = new Key(user, day);
        if (used(key) == 0) return;
        journal.append(() -> {
            int used = used(key);
            if (used == 0) return REFUSED;
            set(key, used - 1);
            return used - 1;
        }, used -> used == REFUSED ? null : line(key, used));
    }

    @Override
    public int used(String user, LocalDate day) {
        return used(new Key(user, day));
    }

    /** The background force: see {@link Durability#BACKGROUND}. */
    void forceWritten() {
        journal.forceWritten();
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    private int used(Key key) {
        return counts.getOrDefault(key, 0);
    }

    private void set(Key key, int used) {
        if (key.day().isAfter(newestDay)) {
            newestDay = key.day();
            LocalDate keepFrom = newestDay.minusDays(1);
            counts.keySet().removeIf(k -> k.day().isBefore(keepFrom));
        }
        if (used == 0) counts.remove(key);
        else counts.put(key, used);
    }

    private void apply(JsonNode record) {
        set(new Key(ModelJson.text(record, "user"), LocalDate.parse(ModelJson.text(record, "day"))),
                (int) ModelJson.number(record, "used"));
    }

    private static String line(Key key, int used) {
        return ModelJson.line(ModelJson.object().put("day", key.day().toString()).put("user", key.user()).put("used", used));
    }

    private List<String> snapshot() {
        List<String> lines = new ArrayList<>(counts.size());
        counts.forEach((key, used) -> lines.add(line(key, used)));
        return lines;
    }
}
