package dev.dingbot.core.port;

import java.time.Instant;

/**
 * Remembers one-time credentials until they expire, so each is accepted once: a signed HTTP callback's timestamp
 * and sign, which a listener on the wire could otherwise post again with a body of its choice. Bots that share
 * their storage must share this too.
 */
public interface ReplayGuard {

    /**
     * True the first time {@code key} is presented; false when it was presented before and has not yet expired,
     * when {@code expiresAt} is already past, or when the guard cannot remember one more key.
     */
    boolean firstUse(String key, Instant expiresAt);
}
