package dev.dingbot.core.provider;

import java.util.Objects;

/**
 * One API key of a {@link KeyPool}. Printed, it shows only its last four characters ({@code …abcd}); a key shorter
 * than eight characters shows none of them, since four would be half of it.
 */
public final class PooledKey {

    private final String secret;

    PooledKey(String secret) {
        this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** The key itself, for the header that sends it; never log it. */
    public String secret() {
        return secret;
    }

    /** The last four characters, or "" for a key shorter than eight. */
    public String suffix() {
        return secret.length() < 8 ? "" : secret.substring(secret.length() - 4);
    }

    /** {@code …abcd}: how logs and {@code check} name the key. */
    public String shown() {
        return "…" + suffix();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PooledKey other && other.secret.equals(secret);
    }

    @Override
    public int hashCode() {
        return secret.hashCode();
    }

    @Override
    public String toString() {
        return shown();
    }
}
