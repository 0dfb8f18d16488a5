package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.Session;
import dev.dingbot.core.port.SessionStore;
import dev.dingbot.core.settings.ConversationSettings;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Mode and context per conversation+sender, with a sliding timeout computed from the stored
 * {@link Session#updatedAt()}, so it survives restarts. Callers run on the key's lane, one at a time.
 */
final class Sessions {

    private final SessionStore store;
    private final ConversationSettings settings;
    private final Clock clock;

    Sessions(SessionStore store, ConversationSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** The live session, or a fresh one in the default mode when none exists or it timed out. */
    Session current(String key) {
        return store.find(key)
                .filter(this::alive)
                .orElseGet(() -> new Session(settings.defaultMode(), List.of(), 0, clock.instant()));
    }

    void switchMode(String key, Mode mode) {
        Session now = current(key);
        store.save(key, new Session(mode, now.context(), now.lastAnswerId(), clock.instant(), now.documents(),
                now.model()));
    }

    /** The model for this key's questions from now on (empty: the default). */
    void switchModel(String key, String model) {
        Session now = current(key);
        store.save(key, new Session(now.mode(), now.context(), now.lastAnswerId(), clock.instant(), now.documents(),
                model));
    }

    /** Refreshes the timeout and records the mode used for a question. */
    void touch(String key, Session session) {
        store.save(key, new Session(session.mode(), session.context(), session.lastAnswerId(), clock.instant(),
                session.documents(), session.model()));
    }

    void remember(String key, Session session, List<ChatTurn> context, long lastAnswerId) {
        store.save(key, new Session(session.mode(), context, lastAnswerId, clock.instant(), session.documents(),
                session.model()));
    }

    /** The documents and the model stay: only {@code 重置} and the timeout drop them. */
    void clearContext(String key, Session session) {
        store.save(key, new Session(session.mode(), List.of(), 0, clock.instant(), session.documents(),
                session.model()));
    }

    /** Keeps {@code document} with the session, the oldest dropped beyond {@code max}; returns the session saved. */
    Session keepDocument(String key, DocumentText document, int max) {
        Session now = current(key);
        Session kept = new Session(now.mode(), now.context(), now.lastAnswerId(), clock.instant(),
                now.documentsWith(document, max), now.model());
        store.save(key, kept);
        return kept;
    }

    void reset(String key) {
        store.delete(key);
    }

    /** Drops sessions that timed out; returns how many went. */
    int purgeExpired() {
        Duration timeout = settings.sessionTimeout();
        return timeout.isZero() ? 0 : store.purgeUpdatedBefore(clock.instant().minus(timeout));
    }

    private boolean alive(Session session) {
        Duration timeout = settings.sessionTimeout();
        return timeout.isZero() || !clock.instant().isAfter(session.updatedAt().plus(timeout));
    }
}
