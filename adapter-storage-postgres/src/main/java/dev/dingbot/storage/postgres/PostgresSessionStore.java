package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Role;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.port.SessionStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Sessions in {@code sessions}, one row per key (context turns as two parallel arrays, roles and texts). A save
 * must not lose a turn another instance wrote between this instance's read and its write: the store remembers the
 * version it last read or wrote per key, and writes only while the row still has it. When another writer came
 * first, the row is locked ({@code SELECT … FOR UPDATE}) and the turns this save adds to what it read are appended
 * to the row's context, in one transaction; mode, last answer and time are this save's. A cleared context stays
 * cleared; the documents and the model are this save's. Within one instance a key is read and saved by one caller at a time (the bot's lanes).
 */
final class PostgresSessionStore implements SessionStore {

    /** Keys whose last read this instance remembers; a key forgotten is saved without the version check. */
    private static final int REMEMBERED_KEYS = 10_000;
    private static final String COLUMNS =
            "mode, turn_roles, turn_texts, last_answer_id, updated_at, documents::text AS documents, model, version";
    private static final String UPSERT = """
            INSERT INTO sessions (key, mode, turn_roles, turn_texts, last_answer_id, updated_at, documents, model)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (key) DO UPDATE SET mode = EXCLUDED.mode, turn_roles = EXCLUDED.turn_roles,
                turn_texts = EXCLUDED.turn_texts, last_answer_id = EXCLUDED.last_answer_id,
                updated_at = EXCLUDED.updated_at, documents = EXCLUDED.documents, model = EXCLUDED.model,
                version = nextval('session_versions')
            RETURNING version""";
    private static final String INSERT_NEW = """
            INSERT INTO sessions (key, mode, turn_roles, turn_texts, last_answer_id, updated_at, documents, model)
            VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (key) DO NOTHING RETURNING version""";
    private static final String UPDATE_IF_UNCHANGED = """
            UPDATE sessions SET mode = ?, turn_roles = ?, turn_texts = ?, last_answer_id = ?, updated_at = ?,
                documents = ?::jsonb, model = ?, version = nextval('session_versions')
            WHERE key = ? AND version = ? RETURNING version""";

    /** A row as this instance last saw it; version 0 when there was none. */
    private record Seen(long version, List<ChatTurn> context) {
        static final Seen NONE = new Seen(0, List.of());
    }

    private record Row(Session session, long version) {
    }

    private final Jdbc jdbc;
    private final Map<String, Seen> seen = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    });

    PostgresSessionStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Session> find(String key) {
        Optional<Row> row = jdbc.call("read a session", connection -> read(connection, key, false));
        seen.put(key, row.map(r -> new Seen(r.version(), r.session().context())).orElse(Seen.NONE));
        return row.map(Row::session);
    }

    @Override
    public void save(String key, Session session) {
        Seen before = seen.get(key);
        OptionalLong written = before == null
                ? OptionalLong.of(jdbc.call("save a session", c -> write(c, UPSERT, key, session).orElseThrow()))
                : jdbc.call("save a session", c -> writeIfUnchanged(c, key, session, before));
        if (written.isPresent()) {
            seen.put(key, new Seen(written.getAsLong(), session.context()));
            return;
        }
        Seen merged = jdbc.inTransaction("save a session", c -> mergeIntoRow(c, key, session, before));
        seen.put(key, merged);
    }

    @Override
    public void delete(String key) {
        jdbc.update("delete a session", "DELETE FROM sessions WHERE key = ?", s -> s.setString(1, key));
        seen.remove(key);
    }

    @Override
    public int purgeUpdatedBefore(Instant cutoff) {
        return jdbc.update("purge sessions", "DELETE FROM sessions WHERE updated_at < ?",
                s -> s.setObject(1, Jdbc.utc(cutoff)));
    }

    /**
     * The context after a save that wrote {@code written} having read {@code read}, while the row came to hold
     * {@code stored}: the stored turns, then those {@code written} adds to {@code read}.
     */
    static List<ChatTurn> merged(List<ChatTurn> stored, List<ChatTurn> read, List<ChatTurn> written) {
        if (written.isEmpty()) return written;
        List<ChatTurn> context = new ArrayList<>(stored);
        context.addAll(written.subList(overlap(read, written), written.size()));
        return context;
    }

    /** How many turns at the end of {@code read} begin {@code written} (the context kept, its oldest turns trimmed). */
    private static int overlap(List<ChatTurn> read, List<ChatTurn> written) {
        for (int k = Math.min(read.size(), written.size()); k > 0; k--) {
            if (read.subList(read.size() - k, read.size()).equals(written.subList(0, k))) return k;
        }
        return 0;
    }

    private OptionalLong writeIfUnchanged(Connection c, String key, Session session, Seen before) throws SQLException {
        if (before.version() == 0) return write(c, INSERT_NEW, key, session);
        try (PreparedStatement s = c.prepareStatement(UPDATE_IF_UNCHANGED)) {
            setSession(s, 1, session);
            s.setString(8, key);
            s.setLong(9, before.version());
            return version(s);
        }
    }

    private Seen mergeIntoRow(Connection c, String key, Session session, Seen before) throws SQLException {
        Optional<Row> current = read(c, key, true);
        if (current.isEmpty()) { // deleted or purged since: nothing of another writer's to keep
            return new Seen(write(c, UPSERT, key, session).orElseThrow(), session.context());
        }
        List<ChatTurn> context = merged(current.get().session().context(), before.context(), session.context());
        Session mergedSession = new Session(session.mode(), context, session.lastAnswerId(), session.updatedAt(),
                session.documents(), session.model());
        try (PreparedStatement s = c.prepareStatement(UPDATE_IF_UNCHANGED)) {
            setSession(s, 1, mergedSession);
            s.setString(8, key);
            s.setLong(9, current.get().version());
            return new Seen(version(s).orElseThrow(), context);
        }
    }

    private static OptionalLong write(Connection c, String sql, String key, Session session) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            setSession(s, 2, session);
            return version(s);
        }
    }

    private static Optional<Row> read(Connection c, String key, boolean lock) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM sessions WHERE key = ?" + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) return Optional.empty();
                String[] roles = (String[]) rows.getArray("turn_roles").getArray();
                String[] texts = (String[]) rows.getArray("turn_texts").getArray();
                List<ChatTurn> turns = new ArrayList<>(roles.length);
                for (int i = 0; i < roles.length; i++) turns.add(new ChatTurn(Role.valueOf(roles[i]), texts[i], List.of()));
                Session session = new Session(Mode.valueOf(rows.getString("mode")), turns, rows.getLong("last_answer_id"),
                        Jdbc.instant(rows, "updated_at"), DocumentsJson.read(rows.getString("documents")),
                        rows.getString("model"));
                return Optional.of(new Row(session, rows.getLong("version")));
            }
        }
    }

    /** Sets mode, roles, texts, last answer id, time, documents and model from parameter {@code first} on. */
    private static void setSession(PreparedStatement s, int first, Session session) throws SQLException {
        Connection c = s.getConnection();
        s.setString(first, session.mode().name());
        s.setArray(first + 1, c.createArrayOf("text", session.context().stream().map(t -> t.role().name()).toArray()));
        s.setArray(first + 2, c.createArrayOf("text", session.context().stream().map(ChatTurn::text).toArray()));
        s.setLong(first + 3, session.lastAnswerId());
        s.setObject(first + 4, Jdbc.utc(session.updatedAt()));
        s.setString(first + 5, DocumentsJson.write(session.documents()));
        s.setString(first + 6, session.model());
    }

    private static OptionalLong version(PreparedStatement s) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }
}
