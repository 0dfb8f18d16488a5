package dev.dingbot.core.port;

import dev.dingbot.core.model.LinkedContent;

import java.util.Optional;

/**
 * What the public links lead to (generated images, conversation pages), kept under their tokens until they
 * expire. Bots that share their storage share this too, so that a link one of them made opens on every other.
 * A token is 1 to 64 letters, digits, {@code -} or {@code _} ({@link #isToken}); the caller makes it unguessable
 * and new for each {@link #put}.
 */
public interface LinkStore {

    /**
     * Keeps {@code content} under {@code token}.
     *
     * @throws IllegalArgumentException when {@code token} is not a token, or the store cannot keep this media type
     * @throws RuntimeException         when it could not be kept (an I/O or database failure)
     */
    void put(String token, LinkedContent content);

    /** What {@code token} leads to; empty when it is not a token, unknown, or expired on the store's clock. */
    Optional<LinkedContent> get(String token);

    /** Deletes everything expired on the store's clock; returns how many links that was. */
    int purgeExpired();

    /** Whether {@code token} may name a link: 1 to 64 letters, digits, {@code -} or {@code _}, safe in a URL and a file name. */
    static boolean isToken(String token) {
        if (token == null || token.isEmpty() || token.length() > 64) return false;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!allowed) return false;
        }
        return true;
    }
}
