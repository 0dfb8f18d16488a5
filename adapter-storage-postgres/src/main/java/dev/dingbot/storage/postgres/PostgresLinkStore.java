package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.LinkedContent;
import dev.dingbot.core.port.LinkStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/** Links in {@code links}, one row each, shared by every instance; a row is read only before its expiry. */
final class PostgresLinkStore implements LinkStore {

    private static final String PUT = """
            INSERT INTO links (token, kind, title, media_type, body, expires_at) VALUES (?, ?, ?, ?, ?, ?)""";
    private static final String GET = """
            SELECT kind, title, media_type, body, expires_at FROM links WHERE token = ? AND expires_at > ?""";

    private final Jdbc jdbc;
    private final Clock clock;

    PostgresLinkStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void put(String token, LinkedContent content) {
        if (!LinkStore.isToken(token)) throw new IllegalArgumentException("not a link token: " + token);
        jdbc.update("keep a link", PUT, s -> {
            s.setString(1, token);
            s.setString(2, content.kind().name());
            s.setString(3, content.title());
            s.setString(4, content.mediaType());
            s.setBytes(5, content.body());
            s.setObject(6, Jdbc.utc(content.expires()));
        });
    }

    @Override
    public Optional<LinkedContent> get(String token) {
        if (!LinkStore.isToken(token)) return Optional.empty();
        return jdbc.call("read a link", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(GET)) {
                statement.setString(1, token);
                statement.setObject(2, Jdbc.utc(clock.instant()));
                try (ResultSet rows = statement.executeQuery()) {
                    if (!rows.next()) return Optional.empty();
                    return Optional.of(new LinkedContent(LinkedContent.Kind.valueOf(rows.getString("kind")),
                            rows.getString("title"), rows.getString("media_type"), rows.getBytes("body"),
                            Jdbc.instant(rows, "expires_at")));
                }
            }
        });
    }

    @Override
    public int purgeExpired() {
        return jdbc.update("delete expired links", "DELETE FROM links WHERE expires_at <= ?",
                s -> s.setObject(1, Jdbc.utc(clock.instant())));
    }
}
