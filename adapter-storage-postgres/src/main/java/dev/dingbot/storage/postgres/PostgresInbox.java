package dev.dingbot.storage.postgres;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.Inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The inbox every instance shares, as a work queue: messages in {@code inbox_messages} (the unique msgId makes one
 * insert of a redelivery lose), lanes in {@code inbox_lanes} (holder and lease). A lane is free when it has no row
 * or its lease is past; every lease is compared with this instance's clock, passed as a parameter, so the hosts'
 * clocks must agree to well within a lease. Completed messages are kept for {@link #WINDOW} and deleted at most once
 * a {@link #CLEANUP_INTERVAL} per instance, on an admission. Renewing the leases is also this instance's heartbeat
 * in {@code instances}.
 */
final class PostgresInbox implements Inbox {

    static final Duration WINDOW = Duration.ofDays(7);
    static final Duration CLEANUP_INTERVAL = Duration.ofHours(1);

    private static final String ADMIT = """
            INSERT INTO inbox_messages (msg_id, lane_key, message, admitted_at) VALUES (?, ?, ?::jsonb, ?)
            ON CONFLICT (msg_id) DO NOTHING""";
    /** Takes the lane when it is free, expired or ours, and the message is the oldest pending one of its lane. */
    private static final String CLAIM = """
            INSERT INTO inbox_lanes (lane_key, owner, lease_until)
            SELECT ?, ?, ? WHERE (SELECT msg_id FROM inbox_messages WHERE lane_key = ? AND completed_at IS NULL
                                  ORDER BY position LIMIT 1) = ?
            ON CONFLICT (lane_key) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
                WHERE inbox_lanes.owner = EXCLUDED.owner OR inbox_lanes.lease_until <= ?
            RETURNING lane_key""";
    /** Holds (and locks) the lane for this instance unless another's lease runs. */
    private static final String HOLD = """
            INSERT INTO inbox_lanes (lane_key, owner, lease_until) VALUES (?, ?, ?)
            ON CONFLICT (lane_key) DO UPDATE SET owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until
                WHERE inbox_lanes.owner = EXCLUDED.owner OR inbox_lanes.lease_until <= ?
            RETURNING lane_key""";
    /** The lane's oldest pending message; the lane released when there is none (its row is locked by HOLD). */
    private static final String NEXT_OR_RELEASE = """
            WITH oldest AS (SELECT message FROM inbox_messages WHERE lane_key = ? AND completed_at IS NULL
                            ORDER BY position LIMIT 1),
                 released AS (DELETE FROM inbox_lanes WHERE lane_key = ? AND NOT EXISTS (SELECT 1 FROM oldest))
            SELECT message::text FROM oldest""";
    /** Gives every lane with pending messages a row, so that a lane no instance ever claimed can be locked. */
    private static final String LANES_OF_PENDING = """
            INSERT INTO inbox_lanes (lane_key, owner, lease_until)
            SELECT DISTINCT lane_key, '', '-infinity'::timestamptz FROM inbox_messages
            WHERE completed_at IS NULL ORDER BY lane_key
            ON CONFLICT (lane_key) DO NOTHING""";
    /** Free lanes with pending messages, locked past those another instance is taking: claimed, oldest message each. */
    private static final String TAKE_OVER = """
            WITH free AS (SELECT lane_key FROM inbox_lanes l WHERE lease_until <= ? AND EXISTS (
                              SELECT 1 FROM inbox_messages m WHERE m.lane_key = l.lane_key AND m.completed_at IS NULL)
                          ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED),
                 held AS (UPDATE inbox_lanes l SET owner = ?, lease_until = ? FROM free
                          WHERE l.lane_key = free.lane_key RETURNING l.lane_key)
            SELECT DISTINCT ON (m.lane_key) m.message::text FROM inbox_messages m JOIN held ON m.lane_key = held.lane_key
            WHERE m.completed_at IS NULL ORDER BY m.lane_key, m.position""";
    private static final String RENEW = """
            WITH seen AS (INSERT INTO instances (id, started_at, last_seen) VALUES (?, ?, ?)
                          ON CONFLICT (id) DO UPDATE SET last_seen = EXCLUDED.last_seen)
            UPDATE inbox_lanes SET lease_until = ? WHERE owner = ?""";

    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration lease;
    private final String instanceId;
    private final AtMostEvery cleanup;

    PostgresInbox(Jdbc jdbc, PostgresSettings settings) {
        this.jdbc = jdbc;
        this.clock = settings.clock();
        this.lease = settings.lease();
        this.instanceId = settings.instanceId();
        this.cleanup = new AtMostEvery(CLEANUP_INTERVAL, clock);
    }

    @Override
    public boolean admit(IncomingMessage message) {
        Instant now = clock.instant();
        if (cleanup.due()) forgetOlderThan(now.minus(WINDOW));
        return jdbc.update("save an incoming message", ADMIT, s -> {
            s.setString(1, message.msgId());
            s.setString(2, message.laneKey());
            s.setString(3, MessageJson.write(message));
            s.setObject(4, Jdbc.utc(now));
        }) == 1;
    }

    @Override
    public void complete(String msgId) {
        jdbc.update("mark a message answered",
                "UPDATE inbox_messages SET completed_at = ? WHERE msg_id = ? AND completed_at IS NULL", s -> {
                    s.setObject(1, Jdbc.utc(clock.instant()));
                    s.setString(2, msgId);
                });
    }

    /** Every instance's unanswered messages: core does not replay them when the inbox has a lease. */
    @Override
    public List<IncomingMessage> pending() {
        return jdbc.call("read the unanswered messages", connection -> {
            try (PreparedStatement s = connection.prepareStatement(
                    "SELECT message::text FROM inbox_messages WHERE completed_at IS NULL ORDER BY position")) {
                return messages(s);
            }
        });
    }

    @Override
    public boolean claim(IncomingMessage message) {
        Instant now = clock.instant();
        return jdbc.givesARow("claim a conversation", CLAIM, s -> {
            s.setString(1, message.laneKey());
            s.setString(2, instanceId);
            s.setObject(3, Jdbc.utc(now.plus(lease)));
            s.setString(4, message.laneKey());
            s.setString(5, message.msgId());
            s.setObject(6, Jdbc.utc(now));
        });
    }

    @Override
    public Optional<IncomingMessage> next(String laneKey) {
        Instant now = clock.instant();
        return jdbc.inTransaction("take a conversation's next message", connection -> {
            if (!held(connection, laneKey, now)) return Optional.empty(); // another instance took the lane over
            try (PreparedStatement s = connection.prepareStatement(NEXT_OR_RELEASE)) {
                s.setString(1, laneKey);
                s.setString(2, laneKey);
                return messages(s).stream().findFirst();
            }
        });
    }

    private boolean held(Connection connection, String laneKey, Instant now) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(HOLD)) {
            s.setString(1, laneKey);
            s.setString(2, instanceId);
            s.setObject(3, Jdbc.utc(now.plus(lease)));
            s.setObject(4, Jdbc.utc(now));
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public List<IncomingMessage> takeOver(int max) {
        if (max < 1) return List.of();
        Instant now = clock.instant();
        return jdbc.call("take over conversations no instance answers", connection -> {
            Jdbc.update(connection, LANES_OF_PENDING, s -> { });
            try (PreparedStatement s = connection.prepareStatement(TAKE_OVER)) {
                s.setObject(1, Jdbc.utc(now));
                s.setInt(2, max);
                s.setString(3, instanceId);
                s.setObject(4, Jdbc.utc(now.plus(lease)));
                return messages(s);
            }
        });
    }

    /** Extends every lease of this instance in one statement, and tells the others it is alive. */
    @Override
    public void renewLeases() {
        Instant now = clock.instant();
        jdbc.update("renew the claims on conversations", RENEW, s -> {
            s.setString(1, instanceId);
            s.setObject(2, Jdbc.utc(now));
            s.setObject(3, Jdbc.utc(now));
            s.setObject(4, Jdbc.utc(now.plus(lease)));
            s.setString(5, instanceId);
        });
    }

    @Override
    public Optional<Duration> lease() {
        return Optional.of(lease);
    }

    /** Answered messages and instances not seen since {@code horizon}. */
    private void forgetOlderThan(Instant horizon) {
        jdbc.update("forget answered messages", "DELETE FROM inbox_messages WHERE completed_at < ?",
                s -> s.setObject(1, Jdbc.utc(horizon)));
        jdbc.update("forget stopped instances", "DELETE FROM instances WHERE last_seen < ?",
                s -> s.setObject(1, Jdbc.utc(horizon)));
    }

    private static List<IncomingMessage> messages(PreparedStatement statement) throws SQLException {
        List<IncomingMessage> found = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) found.add(MessageJson.read(rows.getString(1)));
        }
        return found;
    }
}
