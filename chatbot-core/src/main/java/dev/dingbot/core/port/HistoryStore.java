package dev.dingbot.core.port;

import dev.dingbot.core.model.HistoryEntry;

import java.util.List;

/** The question/answer log. */
public interface HistoryStore {

    /** Stores a row and returns it with its new id (ids grow, starting at 1). */
    HistoryEntry append(HistoryEntry entry);

    /** Rows whose nick or staff id equals {@code user}, newest first. */
    List<HistoryEntry> findByUser(String user, int offset, int limit);
}
