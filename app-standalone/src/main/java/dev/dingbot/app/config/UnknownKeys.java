package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Keys in the file that nothing reads: almost always typos, so each is named with its likely meaning; a section
 * given a single value is named as a section.
 */
final class UnknownKeys {

    private UnknownKeys() {
    }

    static List<String> find(JsonNode root) {
        List<String> unknown = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            JsonNode child = root.get(name);
            if (name.equals("credentials") && child.isArray()) {
                for (JsonNode item : child) {
                    item.fieldNames().forEachRemaining(sub -> {
                        if (!sub.equals("client_id") && !sub.equals("client_secret")) {
                            unknown.add("unknown key 'credentials." + sub + "' is ignored (only client_id and "
                                    + "client_secret belong there)");
                        }
                    });
                }
            } else if (ConfigKeys.GROUPS.contains(name) && child.isObject()) {
                child.fieldNames().forEachRemaining(sub -> check(name + "." + sub, unknown));
            } else if (ConfigKeys.GROUPS.contains(name) && !child.isNull()) {
                String example = ConfigKeys.all().stream().filter(k -> k.startsWith(name + ".")).findFirst()
                        .map(k -> k.substring(name.length() + 1)).orElse("key");
                unknown.add("'" + name + "' is a section, not a value: put its keys indented below it, e.g. `"
                        + name + ":` and on the next line `  " + example + ": ...`; this value is ignored");
            } else {
                check(name, unknown);
            }
        });
        return unknown;
    }

    private static void check(String key, List<String> unknown) {
        if (ConfigKeys.all().contains(key)) return;
        unknown.add("unknown key '" + key + "' is ignored"
                + ConfigKeys.closest(key).map(k -> " (did you mean '" + k + "'?)").orElse(""));
    }
}
