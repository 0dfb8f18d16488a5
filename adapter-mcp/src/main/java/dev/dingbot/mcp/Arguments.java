package dev.dingbot.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * The model's arguments checked before they go to a server: a JSON object (nothing at all counts as {@code {}})
 * that has every field its schema lists as {@code required}. Deeper checks are the server's.
 */
final class Arguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Either the arguments as a map, or what is wrong with them in words for the model. */
    record Checked(Map<String, Object> values, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private Arguments() {
    }

    static Checked check(String arguments, Map<String, Object> schema) {
        JsonNode tree;
        try {
            tree = arguments.isBlank() ? JSON.createObjectNode() : JSON.readTree(arguments);
        } catch (JsonProcessingException e) {
            return new Checked(null, "the arguments are not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) return new Checked(null, "the arguments must be a JSON object");
        for (String field : required(schema)) {
            if (!tree.has(field)) return new Checked(null, "the required field \"" + field + "\" is missing");
        }
        return new Checked(JSON.convertValue(tree, new TypeReference<Map<String, Object>>() { }), null);
    }

    private static List<String> required(Map<String, Object> schema) {
        Object required = schema == null ? null : schema.get("required");
        if (!(required instanceof List<?> fields)) return List.of();
        return fields.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
}
