package dev.dingbot.core.memory;

import dev.dingbot.core.model.Session;
import dev.dingbot.core.port.SessionStore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in a map: for tests, the console and apps that need no durability. */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    @Override
    public Optional<Session> find(String key) {
        return Optional.ofNullable(sessions.get(key));
    }

    @Override
    public void save(String key, Session session) {
        sessions.put(key, session);
    }

    @Override
    public void delete(String key) {
        sessions.remove(key);
    }

    @Override
    public int purgeUpdatedBefore(Instant cutoff) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.updatedAt().isBefore(cutoff));
        return before - sessions.size();
    }
}
