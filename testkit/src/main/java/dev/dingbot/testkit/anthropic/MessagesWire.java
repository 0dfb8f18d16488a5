package dev.dingbot.testkit.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.testkit.EventStreamBody;
import dev.dingbot.testkit.openai.ScriptedToolCall;

import java.util.ArrayList;
import java.util.List;

/**
 * The JSON the Messages API sends, as the fake writes it: whole messages, error bodies, and stream events framed as
 * Anthropic frames them ({@code event: <type>}, {@code data: <json>}, a blank line), a {@code ping} after the first
 * block starts, and {@code message_stop} last.
 */
final class MessagesWire {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";

    private MessagesWire() {
    }

    /** {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}. */
    static String error(String type, String message, String requestId) {
        ObjectNode root = MAPPER.createObjectNode().put("type", "error");
        root.putObject("error").put("type", type).put("message", message);
        root.put("request_id", requestId);
        return write(root);
    }

    /** {@code GET /v1/models}: one page holding this model. */
    static String models(String model) {
        ObjectNode root = MAPPER.createObjectNode();
        root.putArray("data").addObject().put("type", "model").put("id", model).put("display_name", model)
                .put("created_at", "2025-09-29T00:00:00Z");
        root.put("has_more", false).put("first_id", model).put("last_id", model);
        return write(root);
    }

    static String message(String id, String model, ScriptedMessage answer) {
        ObjectNode root = messageHead(id, model);
        ArrayNode content = root.putArray("content");
        if (!answer.thinking().isEmpty()) {
            content.addObject().put("type", "thinking").put("thinking", answer.thinking()).put("signature", SIGNATURE);
        }
        if (!answer.text().isEmpty()) content.addObject().put("type", "text").put("text", answer.text());
        for (ScriptedToolCall call : answer.toolUses()) {
            content.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .set("input", parse(call.arguments()));
        }
        root.put("stop_reason", answer.stopReason()).putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", answer.inputTokens()).put("output_tokens", answer.outputTokens());
        return write(root);
    }

    /** The whole answer as stream events; text, thinking and arguments in {@code chunkChars}-sized deltas. */
    static List<String> events(String id, String model, ScriptedMessage answer, int chunkChars) {
        List<String> events = new ArrayList<>(start(id, model, answer.inputTokens()));
        int index = 0;
        if (!answer.thinking().isEmpty()) {
            events.addAll(block(index++, block("thinking").put("thinking", ""), "thinking_delta", "thinking",
                    EventStreamBody.split(answer.thinking(), chunkChars), events.size() == 1));
        }
        if (!answer.text().isEmpty()) {
            events.addAll(block(index++, block("text").put("text", ""), "text_delta", "text",
                    EventStreamBody.split(answer.text(), chunkChars), events.size() == 1));
        }
        for (ScriptedToolCall call : answer.toolUses()) {
            ObjectNode start = block("tool_use").put("id", call.id()).put("name", call.name());
            start.putObject("input");
            List<String> pieces = new ArrayList<>(List.of("")); // the API's first input_json_delta is empty
            pieces.addAll(EventStreamBody.split(call.arguments(), chunkChars));
            events.addAll(block(index++, start, "input_json_delta", "partial_json", pieces, events.size() == 1));
        }
        events.addAll(end(answer.stopReason(), answer.outputTokens()));
        return events;
    }

    /** {@code message_start}, a text block whose deltas are {@code text}, then an {@code error} event: the stream ends there. */
    static List<String> failingMidStream(String id, String model, String text, String type, String message) {
        List<String> events = new ArrayList<>(start(id, model, 25));
        List<String> block = block(0, block("text").put("text", ""), "text_delta", "text",
                EventStreamBody.split(text, 4), true);
        events.addAll(block.subList(0, block.size() - 1)); // no content_block_stop: the error cuts the block
        ObjectNode error = MAPPER.createObjectNode().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        events.add(frame("error", error));
        return events;
    }

    private static ObjectNode messageHead(String id, String model) {
        return MAPPER.createObjectNode().put("id", id).put("type", "message").put("role", "assistant")
                .put("model", model);
    }

    private static List<String> start(String id, String model, int inputTokens) {
        ObjectNode message = messageHead(id, model);
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", 1);
        ObjectNode event = MAPPER.createObjectNode().put("type", "message_start");
        event.set("message", message);
        return List.of(frame("message_start", event));
    }

    private static ObjectNode block(String type) {
        return MAPPER.createObjectNode().put("type", type);
    }

    private static List<String> block(int index, ObjectNode contentBlock, String deltaType, String field,
                                      List<String> pieces, boolean first) {
        List<String> events = new ArrayList<>();
        ObjectNode start = MAPPER.createObjectNode().put("type", "content_block_start").put("index", index);
        start.set("content_block", contentBlock);
        events.add(frame("content_block_start", start));
        if (first) events.add(frame("ping", MAPPER.createObjectNode().put("type", "ping")));
        for (String piece : pieces) {
            ObjectNode delta = MAPPER.createObjectNode().put("type", "content_block_delta").put("index", index);
            delta.putObject("delta").put("type", deltaType).put(field, piece);
            events.add(frame("content_block_delta", delta));
        }
        if (deltaType.equals("thinking_delta")) {
            ObjectNode signature = MAPPER.createObjectNode().put("type", "content_block_delta").put("index", index);
            signature.putObject("delta").put("type", "signature_delta").put("signature", SIGNATURE);
            events.add(frame("content_block_delta", signature));
        }
        events.add(frame("content_block_stop", MAPPER.createObjectNode().put("type", "content_block_stop").put("index", index)));
        return events;
    }

    private static List<String> end(String stopReason, int outputTokens) {
        ObjectNode delta = MAPPER.createObjectNode().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        delta.putObject("usage").put("output_tokens", outputTokens);
        return List.of(frame("message_delta", delta), frame("message_stop", MAPPER.createObjectNode().put("type", "message_stop")));
    }

    private static String frame(String event, JsonNode data) {
        return "event: " + event + "\ndata: " + write(data) + "\n\n";
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("scripted tool arguments are not JSON: " + json, e);
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
