package dev.dingbot.core.port;

import dev.dingbot.core.model.Session;

import java.time.Instant;
import java.util.Optional;

/**
 * Mode and context per conversation+sender key. The store keeps what it is given; the bot decides expiry from
 * {@link Session#updatedAt()} and its clock. Images in context turns are never stored.
 */
public interface SessionStore {

    Optional<Session> find(String key);

    void save(String key, Session session);

    void delete(String key);

    /** Forgets sessions last updated before {@code cutoff}; returns how many went. */
    int purgeUpdatedBefore(Instant cutoff);
}
