package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.port.HistoryStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The log in {@code history}: ids from the table's identity, so they grow across every instance. */
final class PostgresHistoryStore implements HistoryStore {

    private static final String APPEND = """
            INSERT INTO history (at, kind, parent_id, user_nick, staff_id, chat_title, content)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""";
    private static final String BY_USER = """
            SELECT id, at, kind, parent_id, user_nick, staff_id, chat_title, content FROM history
            WHERE user_nick = ? OR staff_id = ? ORDER BY id DESC OFFSET ? LIMIT ?""";

    private final Jdbc jdbc;

    PostgresHistoryStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public HistoryEntry append(HistoryEntry entry) {
        long id = jdbc.call("append to the history", connection -> {
            try (PreparedStatement s = connection.prepareStatement(APPEND)) {
                s.setObject(1, Jdbc.utc(entry.at()));
                s.setString(2, entry.kind().name());
                s.setLong(3, entry.parentId());
                s.setString(4, entry.userNick());
                s.setString(5, entry.staffId());
                s.setString(6, entry.chatTitle());
                s.setString(7, entry.content());
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
        return entry.withId(id);
    }

    @Override
    public List<HistoryEntry> findByUser(String user, int offset, int limit) {
        if (user.isBlank() || limit < 1) return List.of();
        return jdbc.call("read the history", connection -> {
            try (PreparedStatement s = connection.prepareStatement(BY_USER)) {
                s.setString(1, user);
                s.setString(2, user);
                s.setInt(3, Math.max(0, offset));
                s.setInt(4, limit);
                List<HistoryEntry> found = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        found.add(new HistoryEntry(rows.getLong("id"), Jdbc.instant(rows, "at"),
                                HistoryEntry.Kind.valueOf(rows.getString("kind")), rows.getLong("parent_id"),
                                rows.getString("user_nick"), rows.getString("staff_id"), rows.getString("chat_title"),
                                rows.getString("content")));
                    }
                }
                return found;
            }
        });
    }
}
