package dev.dingbot.core.memory;

import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.port.HistoryStore;

import java.util.ArrayList;
import java.util.List;

/** The question/answer log in a list. */
public final class InMemoryHistoryStore implements HistoryStore {

    private final List<HistoryEntry> rows = new ArrayList<>();

    @Override
    public synchronized HistoryEntry append(HistoryEntry entry) {
        HistoryEntry stored = entry.withId(rows.size() + 1L);
        rows.add(stored);
        return stored;
    }

    @Override
    public synchronized List<HistoryEntry> findByUser(String user, int offset, int limit) {
        List<HistoryEntry> found = new ArrayList<>();
        if (user.isEmpty()) return found;
        int skipped = 0;
        for (int i = rows.size() - 1; i >= 0 && found.size() < limit; i--) {
            HistoryEntry row = rows.get(i);
            if (!row.userNick().equals(user) && !row.staffId().equals(user)) continue;
            if (skipped++ < offset) continue;
            found.add(row);
        }
        return found;
    }
}
