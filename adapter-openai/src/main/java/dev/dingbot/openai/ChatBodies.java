package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.Role;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.modelhttp.Json;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes a chat request as the JSON body of {@code POST /chat/completions}. Tools, when offered, go out as
 * functions with {@code tool_choice: auto}; a request offering none is encoded as if tools did not exist.
 */
final class ChatBodies {

    /** Bounds the schemas kept: tools come from the config and the MCP servers, a few dozen at most. */
    private static final int SCHEMAS_KEPT = 256;
    private static final JsonNode ANY_OBJECT = Json.parseOrNull(ToolDefinition.ANY_OBJECT);

    private final OpenAiSettings settings;
    private final boolean sendUser;
    /** Each tool's parameters, parsed once: the same tools go with every request. Never modified once parsed. */
    private final Map<String, JsonNode> parsedSchemas = new ConcurrentHashMap<>();

    ChatBodies(OpenAiSettings settings, boolean sendUser) {
        this.settings = settings;
        this.sendUser = sendUser;
    }

    String encode(ChatRequest request, boolean stream) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.modelOr(settings.model()));
        ArrayNode messages = body.putArray("messages");
        for (ChatTurn turn : request.turns()) encodeTurn(turn, messages.addObject());
        if (request.offersTools()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) encodeTool(tool, tools.addObject());
            body.put("tool_choice", "auto");
        }
        boolean reasoning = settings.reasoningFamily();
        if (settings.temperature() != null && !reasoning) body.put("temperature", settings.temperature());
        if (request.maxAnswerTokens() > 0) body.put(maxTokensField(reasoning), request.maxAnswerTokens());
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        if (sendUser && !request.user().isEmpty()) body.put("user", request.user());
        return Json.write(body);
    }

    private static void encodeTurn(ChatTurn turn, ObjectNode message) {
        message.put("role", turn.role().name().toLowerCase(Locale.ROOT));
        if (turn.role() == Role.TOOL) {
            message.put("tool_call_id", turn.toolCallId());
            message.put("content", turn.text());
        } else if (!turn.toolCalls().isEmpty()) {
            if (turn.text().isEmpty()) message.putNull("content"); else message.put("content", turn.text());
            ArrayNode calls = message.putArray("tool_calls");
            for (ToolCall call : turn.toolCalls()) {
                ObjectNode encoded = calls.addObject().put("id", call.id()).put("type", "function");
                encoded.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        } else if (turn.images().isEmpty()) {
            message.put("content", turn.text());
        } else {
            ArrayNode parts = message.putArray("content");
            if (!turn.text().isEmpty()) parts.addObject().put("type", "text").put("text", turn.text());
            for (Image image : turn.images()) {
                parts.addObject().put("type", "image_url").putObject("image_url").put("url", dataUrl(image));
            }
        }
    }

    /** A schema that is not a JSON object (a tool's mistake) is sent as "any object" rather than failing the request. */
    private void encodeTool(ToolDefinition tool, ObjectNode encoded) {
        ObjectNode function = encoded.put("type", "function").putObject("function");
        function.put("name", tool.name());
        if (!tool.description().isEmpty()) function.put("description", tool.description());
        function.set("parameters", schemaOf(tool.parameters()));
    }

    private JsonNode schemaOf(String parameters) {
        JsonNode known = parsedSchemas.get(parameters);
        if (known != null) return known;
        JsonNode parsed = Json.parseOrNull(parameters);
        JsonNode schema = parsed != null && parsed.isObject() ? parsed : ANY_OBJECT;
        if (parsedSchemas.size() < SCHEMAS_KEPT) parsedSchemas.put(parameters, schema);
        return schema;
    }

    private String maxTokensField(boolean reasoning) {
        return switch (settings.maxTokensField()) {
            case MAX_TOKENS -> "max_tokens";
            case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
            case AUTO -> reasoning ? "max_completion_tokens" : "max_tokens";
        };
    }

    private static String dataUrl(Image image) {
        return "data:" + image.mediaType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes());
    }
}
