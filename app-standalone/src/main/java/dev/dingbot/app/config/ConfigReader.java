package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.text.Redaction;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads over the three sources, highest first: flags, env, file (defaults are the callers' arguments).
 * A bad value is recorded as a {@link ConfigProblem} and the default returned, so every problem is found in one
 * pass.
 */
final class ConfigReader {

    /** One value as found, with where it came from for messages. */
    record Raw(String label, String text, JsonNode node) {
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
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigReader(JsonNode file, Map<String, String> env, Map<String, String> flags) {
        this.file = file;
        this.env = env;
        this.flags = flags;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void problem(String key, String value, String fix) {
        problems.add(new ConfigProblem(key, value, fix));
    }

    /**
     * The first value set for any of {@code keys} (aliases, best first) from the highest source. An env var set to
     * the empty string counts as not set, as in the original: env cannot blank out a file value.
     */
    Optional<Raw> raw(String... keys) {
        for (String key : keys) {
            String v = flags.get(key);
            if (v != null && !v.isBlank()) return Optional.of(new Raw(key + FLAG, v.trim(), null));
        }
        for (String key : keys) {
            String name = ConfigKeys.envName(key);
            String v = name.isEmpty() ? null : env.get(name);
            if (v != null && !v.isBlank()) return Optional.of(new Raw(key + " (env " + name + ")", v, null));
        }
        for (String key : keys) {
            JsonNode node = fileNode(key);
            // As in the original, an empty value in the file means "not set": the default applies.
            boolean blank = node != null && node.isValueNode() && node.asText().isBlank();
            if (node != null && !node.isNull() && !node.isMissingNode() && !blank) {
                return Optional.of(new Raw(key, node.isValueNode() ? node.asText() : "", node));
            }
        }
        return Optional.empty();
    }

    JsonNode fileNode(String key) {
        if (file == null) return null;
        JsonNode node = file;
        for (String part : key.split("\\.")) {
            node = node.isObject() ? node.get(part) : null;
            if (node == null) return null;
        }
        return node;
    }

    String text(String key, String def) {
        return raw(key).map(r -> {
            if (r.fromFile() && !r.node().isValueNode()) {
                problem(r.label(), "", "must be a single value, not a list or map");
                return def;
            }
            return r.text();
        }).orElse(def);
    }

    Secret secret(String key) {
        return Secret.of(text(key, "").trim());
    }

    /** An integer of at least {@code min}. */
    int integer(String key, int def, int min) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        String t = raw.get().text().trim();
        try {
            int v = Integer.parseInt(t);
            if (v >= min) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        problem(raw.get().label(), t, "must be a whole number" + (min > 0 ? " of at least " + min
                : min == 0 ? " (0 or more)" : ""));
        return def;
    }

    boolean bool(String key, boolean def) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        String t = raw.get().text().trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
        problem(raw.get().label(), raw.get().text(), "must be true or false");
        return def;
    }

    /** Seconds or a duration; zero only where {@code zeroAllowed}. */
    Duration duration(String key, Duration def, boolean zeroAllowed) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        Optional<Duration> d = Durations.parse(raw.get().text());
        if (d.isPresent() && (zeroAllowed || !d.get().isZero())) return d.get();
        problem(raw.get().label(), raw.get().text(), "must be a duration: seconds (600) or 600s, 10m, 1h30m, 500ms"
                + (zeroAllowed ? "" : "; more than zero"));
        return def;
    }

    /** One of {@code allowed} (trimmed, ASCII case ignored), returned as spelt in {@code allowed}. */
    String choice(String key, String def, String... allowed) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        String t = raw.get().text().trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(t)) return a;
        }
        problem(raw.get().label(), t, "must be one of " + String.join(", ", allowed));
        return def;
    }

    /** An absolute http(s) URL (or the schemes given), without a trailing slash; empty when not set. */
    String url(String key, String def, String... schemes) {
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
        problem(raw.get().label(), Redaction.userInfo(t), "must be a URL with scheme and host, e.g. " + allowed.get(0)
                + "://host:port (allowed schemes: " + String.join(", ", allowed) + ")");
        return def;
    }

    /** A list: a YAML list, or a comma-separated string; items trimmed, empty items dropped. */
    List<String> list(String key) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return List.of();
        List<String> items = new ArrayList<>();
        JsonNode node = raw.get().node();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (item.isValueNode()) items.add(item.asText());
                else problem(raw.get().label(), "", "list items must be plain values");
            }
        } else if (node != null && !node.isValueNode()) {
            problem(raw.get().label(), "", "must be a list, e.g. [a, b] or \"a,b\"");
        } else {
            items.addAll(Arrays.asList(raw.get().text().split(",")));
        }
        return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    Set<String> set(String key) {
        return new LinkedHashSet<>(list(key));
    }

    /** Any value parsed by {@code parser}, which returns null for a bad one. */
    <T> T parsed(String key, T def, Function<String, T> parser, String fix) {
        Optional<Raw> raw = raw(key);
        if (raw.isEmpty()) return def;
        T v = parser.apply(raw.get().text().trim());
        if (v != null) return v;
        problem(raw.get().label(), raw.get().text(), fix);
        return def;
    }
}
