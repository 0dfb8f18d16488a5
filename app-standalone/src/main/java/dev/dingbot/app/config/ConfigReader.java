package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.text.Redaction;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of a {@link ConfigKey} over the three sources, highest first: flags, env, file (defaults are the
 * key's). A bad value is recorded as a {@link ConfigProblem} and the default returned, so every problem is found in
 * one pass. What each key was read as is kept for {@code check}'s view.
 */
final class ConfigReader {

    /** One value as found, with where it came from for messages, and whether its key holds a secret. */
    record Raw(String label, String text, JsonNode node, boolean secret) {
        boolean fromFile() {
            return node != null;
        }

        boolean fromFlag() {
            return label.endsWith(FLAG);
        }
    }

    private static final String FLAG = " (flag)";

    private final JsonNode file;
    private final Map<String, String> env;
    private final Map<String, String> flags;
    private final Path configDir;
    private final Path workingDir;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<ConfigKey<?>, Object> effective = new HashMap<>();

    /**
     * @param configDir  where relative paths from the file or env are taken from
     * @param workingDir where relative paths given as flags are taken from, as for any path typed there
     */
    ConfigReader(JsonNode file, Map<String, String> env, Map<String, String> flags, Path configDir,
                 Path workingDir) {
        this.file = file;
        this.env = env;
        this.flags = flags;
        this.configDir = configDir;
        this.workingDir = workingDir;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void problem(String key, String value, String fix) {
        problems.add(new ConfigProblem(key, value, fix));
    }

    /** A bad value of a secret key is not echoed: what was given may be the secret itself. */
    private void problem(Raw raw, String value, String fix) {
        problem(raw.label(), raw.secret() && !value.isEmpty() ? "(not shown: it may hold a secret)" : value, fix);
    }

    /**
     * The first value set for the key or an older name of it (best first) from the highest source. An env var set to
     * the empty string counts as not set, as in the original: env cannot blank out a file value.
     */
    Optional<Raw> raw(ConfigKey<?> key) {
        for (String name : key.names()) {
            String v = flags.get(name);
            if (v != null && !v.isBlank()) return Optional.of(new Raw(name + FLAG, v.trim(), null, key.secret()));
        }
        String v = key.env().isEmpty() ? null : env.get(key.env());
        if (v != null && !v.isBlank()) return Optional.of(new Raw(key.label(), v, null, key.secret()));
        for (String name : key.names()) {
            JsonNode node = fileNode(name);
            // As in the original, an empty value in the file means "not set": the default applies.
            boolean blank = node != null && node.isValueNode() && node.asText().isBlank();
            if (node != null && !node.isNull() && !node.isMissingNode() && !blank) {
                return Optional.of(new Raw(name, node.isValueNode() ? node.asText() : "", node, key.secret()));
            }
        }
        return Optional.empty();
    }

    JsonNode fileNode(String path) {
        if (file == null) return null;
        JsonNode node = file;
        for (String part : path.split("\\.")) {
            node = node.isObject() ? node.get(part) : null;
            if (node == null) return null;
        }
        return node;
    }

    String text(ConfigKey<?> key, String def) {
        return raw(key).map(r -> {
            if (r.fromFile() && !r.node().isValueNode()) {
                problem(r, "", "must be a single value, not a list or map");
                return def;
            }
            return r.text();
        }).orElse(def);
    }

    /** An integer of at least {@code min}. */
    int integer(ConfigKey<?> key, int def, int min) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        String t = raw.get().text().trim();
        try {
            int v = Integer.parseInt(t);
            if (v >= min) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(raw.get(), t, "must be a whole number" + (min > 0 ? " of at least " + min
                : min == 0 ? " (0 or more)" : ""));
        return def;
    }

    boolean bool(ConfigKey<?> key, boolean def) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        String t = raw.get().text().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
        problem(raw.get(), raw.get().text(), "must be true or false");
        return def;
    }

    /** Seconds or a duration; zero only where {@code zeroAllowed}. */
    Duration duration(ConfigKey<?> key, Duration def, boolean zeroAllowed) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        Optional<Duration> d = Durations.parse(raw.get().text());
        if (d.isPresent() && (zeroAllowed || !d.get().isZero())) return d.get();
        problem(raw.get(), raw.get().text(), "must be a duration: seconds (600) or 600s, 10m, 1h30m, 500ms"
                + (zeroAllowed ? "" : "; more than zero"));
        return def;
    }

    /** One of {@code allowed} (trimmed, ASCII case ignored), returned as spelt in {@code allowed}. */
    String choice(ConfigKey<?> key, String def, String... allowed) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        String t = raw.get().text().trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(t)) return a;
        }
        problem(raw.get(), t, "must be one of " + String.join(", ", allowed));
        return def;
    }

    /** An absolute http(s) URL (or the schemes given), without a trailing slash; empty when not set. */
    String url(ConfigKey<?> key, String def, String... schemes) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        String t = raw.get().text().trim();
        List<String> allowed = schemes.length == 0 ? List.of("http", "https") : List.of(schemes);
        try {
            URI uri = new URI(t);
            if (uri.getScheme() != null && allowed.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    && uri.getHost() != null) {
                return t.endsWith("/") ? t.substring(0, t.length() - 1) : t;
            }
        } catch (Exception e) {
            // reported below
        }
        problem(raw.get(), Redaction.userInfo(t), "must be a URL with scheme and host, e.g. " + allowed.get(0)
                + "://host:port (allowed schemes: " + String.join(", ", allowed) + ")");
        return def;
    }

    /** A list: a YAML list, or a comma-separated string; items trimmed, empty items dropped. */
    List<String> list(ConfigKey<?> key) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return List.of();
        List<String> items = new ArrayList<>();
        JsonNode node = raw.get().node();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (item.isValueNode()) items.add(item.asText());
                else problem(raw.get(), "", "list items must be plain values");
            }
        } else if (node != null && !node.isValueNode()) {
            problem(raw.get(), "", "must be a list, e.g. [a, b] or \"a,b\"");
        } else {
            items.addAll(Arrays.asList(raw.get().text().split(",")));
        }
        return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    Set<String> set(ConfigKey<?> key) {
        return new LinkedHashSet<>(list(key));
    }

    /** Any value parsed by {@code parser}; a bad one is a problem explained by its fix. */
    <T> T parsed(ConfigKey<?> key, T def, ConfigKey.Parser<T> parser) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        T v = parser.parse().apply(raw.get().text().trim());
        if (v != null) return v;
        problem(raw.get(), raw.get().text(), parser.fix());
        return def;
    }

    /** Env values may spell newlines as {@code \\n}, since a shell variable cannot easily hold them. */
    String multiline(ConfigKey<?> key) {
        return raw(key).map(raw -> raw.fromFile() ? text(key, "") : raw.text().replace("\\n", "\n")).orElse("");
    }

    /** A port number from 1 to 65535. */
    int port(ConfigKey<?> key, int def) {
        return raw(key).map(raw -> {
            try {
                int p = Integer.parseInt(raw.text().trim());
                if (p >= 1 && p <= 65535) return p;
            } catch (NumberFormatException e) {
                // reported below
            }
            problem(raw, raw.text(), "must be a port number from 1 to 65535");
            return def;
        }).orElse(def);
    }

    /**
     * A path; a relative one is taken from the config file's directory when it is from the file or env, from the
     * working directory when typed on the command line.
     */
    Path path(ConfigKey<?> key, String def) {
        boolean typed = raw(key).map(Raw::fromFlag).orElse(false);
        return (typed ? workingDir : configDir).resolve(text(key, def).trim()).normalize();
    }

    void effective(ConfigKey<?> key, Object value) {
        effective.put(key, value);
    }

    /**
     * What each of {@code keys} was read as. One the loader has not read (a value only a settings mapping takes)
     * is read now, so its problems are found at load as well.
     */
    ConfigValues effective(List<ConfigKey<?>> keys) {
        for (ConfigKey<?> key : keys) {
            if (!effective.containsKey(key)) key.read(this);
        }
        return new ConfigValues(effective);
    }
}
