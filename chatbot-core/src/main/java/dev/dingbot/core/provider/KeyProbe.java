package dev.dingbot.core.provider;

import java.util.Objects;

/**
 * What a cheap call with one key of a provider said, for {@code check}.
 *
 * @param key     the key as shown ({@code …abcd}), never the key itself
 * @param verdict whether it works
 * @param detail  what the server said, credentials masked
 */
public record KeyProbe(String key, Verdict verdict, String detail) {

    /**
     * WORKS: the server took the key; REFUSED: it refused the key (credentials or quota); FAILED: no verdict on the
     * key (the server or the network failed).
     */
    public enum Verdict { WORKS, REFUSED, FAILED }

    public KeyProbe {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(verdict, "verdict");
        detail = Objects.requireNonNullElse(detail, "");
    }
}
