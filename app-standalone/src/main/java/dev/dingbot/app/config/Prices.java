package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code prices}: model name to price per one million prompt and completion tokens (file only, no env). */
final class Prices {

    private Prices() {
    }

    static Map<String, AppConfig.Price> read(ConfigReader r, ConfigKey<Map<String, AppConfig.Price>> key) {
        JsonNode node = r.fileNode(key.path());
        Map<String, AppConfig.Price> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) return out;
        if (!node.isObject()) {
            r.problem(key.path(), "", "must map model names to {prompt, completion, currency}");
            return out;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String model = key.path() + "." + e.getKey();
            BigDecimal prompt = money(r, model + ".prompt", e.getValue().get("prompt"));
            BigDecimal completion = money(r, model + ".completion", e.getValue().get("completion"));
            String currency = e.getValue().path("currency").asText("USD").trim();
            if (prompt != null && completion != null) {
                out.put(e.getKey(), new AppConfig.Price(prompt, completion, currency.isEmpty() ? "USD" : currency));
            }
        }
        return out;
    }

    private static BigDecimal money(ConfigReader r, String key, JsonNode value) {
        try {
            BigDecimal v = new BigDecimal(value == null ? "" : value.asText().trim());
            if (v.signum() >= 0) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        r.problem(key, value == null ? "" : value.asText(), "must be a price per 1M tokens, 0 or more, e.g. 0.15");
        return null;
    }
}
