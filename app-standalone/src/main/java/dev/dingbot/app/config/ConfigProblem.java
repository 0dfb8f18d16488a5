package dev.dingbot.app.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration.
 *
 * @param key   the YAML key, with the env var or flag it came from when it did not come from the file
 * @param value the bad value as given (never a secret: those are shown as {@code ***})
 * @param fix   what is allowed, or what to do
 */
public record ConfigProblem(String key, String value, String fix) {

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        value = Objects.requireNonNullElse(value, "");
        Objects.requireNonNull(fix, "fix");
    }

    @Override
    public String toString() {
        return value.isEmpty() ? key + ": " + fix : key + " = \"" + value + "\": " + fix;
    }
}
