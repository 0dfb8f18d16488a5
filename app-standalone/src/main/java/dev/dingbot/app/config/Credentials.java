package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.dingtalk.DingTalkSettings.Credential;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DingTalk apps: {@code credentials} as a YAML list of {client_id, client_secret}, or the original's env
 * format {@code id1:secret1,id2:secret2} (each item split on its first ':', so a secret may contain ':').
 * A malformed item is reported as a problem, not skipped: a silently missing app is harder to find. The item
 * itself is never echoed, since it may be a secret.
 */
final class Credentials {

    private Credentials() {
    }

    static List<Credential> read(ConfigReader reader, ConfigKey<List<Credential>> key) {
        Optional<ConfigReader.Raw> raw = reader.raw(key);
        if (raw.isEmpty()) return List.of();
        JsonNode node = raw.get().node();
        if (node != null && node.isArray()) return fromYaml(node, raw.get().label(), reader);
        if (node != null && !node.isValueNode()) {
            reader.problem(raw.get().label(), "", "must be a list of {client_id, client_secret}");
            return List.of();
        }
        return parse(raw.get().text(), raw.get().label(), reader::problem);
    }

    interface Problems {
        void add(String key, String value, String fix);
    }

    /** The env format; problems name the item by position. */
    static List<Credential> parse(String text, String label, Problems problems) {
        List<Credential> out = new ArrayList<>();
        String[] items = text.split(",");
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.isEmpty()) continue;
            int colon = item.indexOf(':');
            String id = colon < 0 ? "" : item.substring(0, colon).trim();
            String secret = colon < 0 ? "" : item.substring(colon + 1).trim();
            if (id.isEmpty() || secret.isEmpty()) {
                problems.add(label, "item " + (i + 1) + " (not shown: it may hold a secret)",
                        "each item must be client_id:client_secret, items separated by ','");
                continue;
            }
            out.add(new Credential(id, secret));
        }
        return out;
    }

    private static List<Credential> fromYaml(JsonNode list, String label, ConfigReader reader) {
        List<Credential> out = new ArrayList<>();
        int i = 0;
        for (JsonNode item : list) {
            i++;
            String id = item.path("client_id").asText("").trim();
            String secret = item.path("client_secret").asText("").trim();
            if (!item.isObject() || id.isEmpty() || secret.isEmpty()) {
                reader.problem(label + "[" + i + "]", "", "needs both client_id and client_secret");
                continue;
            }
            out.add(new Credential(id, secret));
        }
        return out;
    }
}
