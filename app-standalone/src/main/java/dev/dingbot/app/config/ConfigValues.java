package dev.dingbot.app.config;

import java.util.Map;

/**
 * The effective value of every key of {@link Keys}, as it was read: what {@code check} shows, and what
 * {@link SettingsMapper} may take a value from without a field of its own in {@link AppConfig}.
 */
public final class ConfigValues {

    private final Map<ConfigKey<?>, Object> values;

    ConfigValues(Map<ConfigKey<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** The value {@code key} was read as; every key of {@link Keys} is read at load. */
    <T> T get(ConfigKey<T> key) {
        if (!values.containsKey(key)) throw new IllegalStateException(key + " was never read");
        @SuppressWarnings("unchecked") T value = (T) values.get(key);
        return value;
    }

    /** Only how many: the values are shown by {@code check}, which knows how to show a secret. */
    @Override
    public String toString() {
        return "ConfigValues[" + values.size() + " keys]";
    }
}
