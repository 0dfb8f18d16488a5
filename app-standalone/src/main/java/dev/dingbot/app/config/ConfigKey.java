package dev.dingbot.app.config;

import dev.dingbot.core.text.Redaction;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One configuration key, declared once in {@link Keys}: its YAML path, the env var that overrides it, how its value
 * is read (type, default, validation), how {@code check} shows it, whether it is a secret, and what it means.
 * {@link #read} is the only way a value gets out of the sources, so every key read is also a key described.
 *
 * @param <T> the type of its value
 */
final class ConfigKey<T> {

    /** How a key's value is read from the sources; a bad value becomes a problem and the default is returned. */
    interface Reader<T> {
        T read(ConfigReader r, ConfigKey<T> key);
    }

    /** Turns a value's text into the value, null for a bad one, which {@code fix} then explains. */
    record Parser<T>(Function<String, T> parse, String fix) {
    }

    /** The YAML path, the env var (empty for none) and older paths the key is also read under. */
    private record Names(String path, String env, List<String> aliases) {
        Names {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(env, "env");
            aliases = List.copyOf(aliases);
        }
    }

    private final Names names;
    private final boolean secret;
    private final Reader<T> reader;
    private final Function<? super T, String> shown;
    private final String zh;
    private final String en;

    private ConfigKey(Names names, boolean secret, Reader<T> reader, Function<? super T, String> shown, String zh,
                      String en) {
        this.names = names;
        this.secret = secret;
        this.reader = Objects.requireNonNull(reader, "reader");
        this.shown = Objects.requireNonNull(shown, "shown");
        this.zh = Objects.requireNonNull(zh, "zh");
        this.en = Objects.requireNonNull(en, "en");
    }

    static <T> ConfigKey<T> of(String path, String env, Reader<T> reader, Function<? super T, String> shown,
                               String zh, String en) {
        return new ConfigKey<>(new Names(path, env, List.of()), false, reader, shown, zh, en);
    }

    // The kinds of keys. Defaults and limits are arguments, so a declaration holds all of them.

    static ConfigKey<String> text(String path, String env, String def, String zh, String en) {
        return of(path, env, (r, k) -> r.text(k, def).trim(), String::valueOf, zh, en);
    }

    /** Text whose env value may write newlines as {@code \n}, since a shell variable cannot easily hold them. */
    static ConfigKey<String> multiline(String path, String env, String zh, String en) {
        return of(path, env, ConfigReader::multiline, s -> s.isEmpty() ? "" : s.length() + " characters", zh, en);
    }

    static ConfigKey<Secret> secret(String path, String env, String zh, String en) {
        return new ConfigKey<>(new Names(path, env, List.of()), true, (r, k) -> Secret.of(r.text(k, "").trim()),
                Secret::toString, zh, en);
    }

    static ConfigKey<Integer> integer(String path, String env, int def, int min, String zh, String en) {
        return of(path, env, (r, k) -> r.integer(k, def, min), String::valueOf, zh, en);
    }

    static ConfigKey<Boolean> bool(String path, String env, boolean def, String zh, String en) {
        return of(path, env, (r, k) -> r.bool(k, def), String::valueOf, zh, en);
    }

    static ConfigKey<Duration> duration(String path, String env, Duration def, boolean zeroAllowed, String zh,
                                        String en) {
        return of(path, env, (r, k) -> r.duration(k, def, zeroAllowed), Durations::format, zh, en);
    }

    /** One of {@code allowed}, as spelt there; the default is the first argument. */
    static ConfigKey<String> choice(String path, String env, String def, List<String> allowed, String zh,
                                    String en) {
        return of(path, env, (r, k) -> r.choice(k, def, allowed.toArray(String[]::new)), String::valueOf, zh, en);
    }

    /** An absolute URL of one of {@code schemes} (http and https when none), shown without its userinfo. */
    static ConfigKey<String> url(String path, String env, String def, List<String> schemes, String zh, String en) {
        return of(path, env, (r, k) -> r.url(k, def, schemes.toArray(String[]::new)), Redaction::userInfo, zh, en);
    }

    static ConfigKey<List<String>> list(String path, String env, String zh, String en) {
        return of(path, env, ConfigReader::list, items -> String.join(",", items), zh, en);
    }

    static ConfigKey<Set<String>> set(String path, String env, String zh, String en) {
        return of(path, env, ConfigReader::set, ConfigKey::bracketed, zh, en);
    }

    /** A path; relative ones are resolved as {@link ConfigReader#path} says. */
    static ConfigKey<Path> path(String path, String env, String def, String zh, String en) {
        return of(path, env, (r, k) -> r.path(k, def), String::valueOf, zh, en);
    }

    /** Any value {@code parser} turns text into. */
    static <T> ConfigKey<T> parsed(String path, String env, T def, Parser<T> parser, String zh, String en) {
        return of(path, env, (r, k) -> r.parsed(k, def, parser), String::valueOf, zh, en);
    }

    /** The same key, shown by {@code check} as {@code shown} says. */
    ConfigKey<T> shownAs(Function<? super T, String> shown) {
        return new ConfigKey<>(names, secret, reader, shown, zh, en);
    }

    /** The same key, holding a secret: a value never shown in clear. */
    ConfigKey<T> asSecret() {
        return new ConfigKey<>(names, true, reader, shown, zh, en);
    }

    /** The same key, also read under an older name; the path wins within one source. */
    ConfigKey<T> alias(String older) {
        var renamed = new Names(names.path(), names.env(),
                Stream.concat(names.aliases().stream(), Stream.of(older)).toList());
        return new ConfigKey<>(renamed, secret, reader, shown, zh, en);
    }

    /** The value from the sources, remembered for {@code check}'s view. */
    T read(ConfigReader r) {
        T value = reader.read(r, this);
        r.effective(this, value);
        return value;
    }

    /** The value as {@code check} shows it. */
    String shown(Object value) {
        @SuppressWarnings("unchecked") T typed = (T) value;
        return shown.apply(typed);
    }

    String path() {
        return names.path();
    }

    /** The env var; empty for a key read from the file only. */
    String env() {
        return names.env();
    }

    /** The path first, then older names. */
    List<String> names() {
        return Stream.concat(Stream.of(names.path()), names.aliases().stream()).toList();
    }

    boolean secret() {
        return secret;
    }

    String zh() {
        return zh;
    }

    String en() {
        return en;
    }

    /** How a problem names the key: with its env var, so either place can be fixed. */
    String label() {
        return env().isEmpty() ? path() : path() + " (env " + env() + ")";
    }

    static String bracketed(Collection<String> items) {
        return items.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    @Override
    public String toString() {
        return path();
    }
}
