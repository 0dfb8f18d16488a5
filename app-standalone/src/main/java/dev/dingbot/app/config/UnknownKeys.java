package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.app.Spelling;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keys in the file that nothing reads: almost always typos, so each is named with its likely meaning; a section
 * given a single value is named as a section. What is known is {@link Keys}: their paths and older names.
 */
final class UnknownKeys {

    /** Every name a key is read under. */
    private static final Set<String> KNOWN = Keys.ALL.stream().flatMap(k -> k.names().stream())
            .collect(Collectors.toUnmodifiableSet());

    /**
     * The sections of grouped keys ({@code storage} of {@code storage.data_dir}, {@code storage.postgres} of
     * {@code storage.postgres.url}); their children are checked too.
     */
    private static final Set<String> GROUPS = KNOWN.stream().flatMap(UnknownKeys::sections)
            .collect(Collectors.toUnmodifiableSet());

    private UnknownKeys() {
    }

    static List<String> find(JsonNode root) {
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            JsonNode child = root.get(name);
            if (name.equals(Keys.CREDENTIALS.path()) && child.isArray()) {
                for (JsonNode item : child) {
                    item.fieldNames().forEachRemaining(sub -> {
                        if (!sub.equals("client_id") && !sub.equals("client_secret")) {
                            unknown.add("unknown key 'credentials." + sub + "' is ignored (only client_id and "
                                    + "client_secret belong there)");
                        }
                    });
                }
            } else if (name.equals(Keys.MCP_SERVERS.path()) && child.isObject()) {
                child.properties().forEach(server -> server.getValue().fieldNames().forEachRemaining(sub -> {
                    if (!ToolsConfig.SERVER_FIELDS.contains(sub)) {
                        unknown.add("unknown key '" + name + "." + server.getKey() + "." + sub + "' is ignored"
                                + Spelling.closest(sub, ToolsConfig.SERVER_FIELDS, 1).stream().findFirst()
                                .map(k -> " (did you mean '" + k + "'?)").orElse(""));
                    }
                }));
            } else if (GROUPS.contains(name) && child.isObject()) {
                section(name, child, unknown);
            } else if (GROUPS.contains(name) && !child.isNull()) {
                String example = Keys.ALL.stream().map(ConfigKey::path).filter(k -> k.startsWith(name + "."))
                        .findFirst().map(k -> k.substring(name.length() + 1)).orElse("key");
                unknown.add("'" + name + "' is a section, not a value: put its keys indented below it, e.g. `"
                        + name + ":` and on the next line `  " + example + ": ...`; this value is ignored");
            } else {
                check(name, unknown);
            }
        });
        return unknown;
    }

    private static void section(String path, JsonNode section, List<String> unknown) {
        section.properties().forEach(entry -> {
            String key = path + "." + entry.getKey();
            if (GROUPS.contains(key) && entry.getValue().isObject()) section(key, entry.getValue(), unknown);
            else check(key, unknown);
        });
    }

    /** {@code a} and {@code a.b} of {@code a.b.c}. */
    private static Stream<String> sections(String key) {
        List<String> sections = new ArrayList<>();
        for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) sections.add(key.substring(0, dot));
        return sections.stream();
    }

    private static void check(String key, List<String> unknown) {
        if (KNOWN.contains(key)) return;
        unknown.add("unknown key '" + key + "' is ignored"
                + closest(key).map(k -> " (did you mean '" + k + "'?)").orElse(""));
    }

    /** The known key closest to a misspelt one, when it is close enough to be a typo. */
    private static Optional<String> closest(String unknown) {
        return Spelling.closest(unknown, KNOWN, 1).stream().findFirst();
    }
}
