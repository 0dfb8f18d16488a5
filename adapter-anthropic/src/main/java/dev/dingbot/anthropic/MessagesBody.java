package dev.dingbot.anthropic;

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

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes a chat request as the JSON body of {@code POST /v1/messages}. The system turns become the top-level
 * {@code system}; the other turns become {@code messages}, which the API wants strictly alternating between user
 * and assistant, starting with the user. So:
 * <ul>
 *   <li>a {@link Role#TOOL} turn is a user message holding one {@code tool_result} block, and an assistant's tool
 *       calls are {@code tool_use} blocks after its text;</li>
 *   <li>a turn with nothing to say (no text, no picture, no call) is left out, as the API refuses empty content;</li>
 *   <li>consecutive messages of one role are merged into one, their blocks in order: the results of one round's
 *       calls become one user message, as the API asks, and two questions in a row stay both;</li>
 *   <li>assistant messages before the first user one are dropped: without the question they answered they say
 *       little, and a made-up question would put words in the user's mouth.</li>
 * </ul>
 * {@code max_tokens} is always sent: the request's limit, else the settings'. Thinking is asked for only when the
 * request carries no tool traffic and offers no tools: the API wants an assistant's signed thinking blocks back with
 * its tool calls, and the turns of core keep no thinking between rounds.
 */
final class MessagesBody {

    private final AnthropicSettings settings;

    MessagesBody(AnthropicSettings settings) {
        this.settings = settings;
    }

    String encode(ChatRequest request, boolean stream) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", request.modelOr(settings.model()));
        int answerTokens = request.maxAnswerTokens() > 0 ? request.maxAnswerTokens() : settings.maxTokens();
        boolean thinking = settings.thinkingBudgetTokens() > 0 && !request.offersTools() && !carriesToolTraffic(request);
        body.put("max_tokens", thinking ? answerTokens + settings.thinkingBudgetTokens() : answerTokens);
        String system = systemPrompt(request.turns());
        if (!system.isEmpty()) body.put("system", system);
        body.set("messages", messages(request.turns()));
        if (request.offersTools()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) encodeTool(tool, tools.addObject());
        }
        if (thinking) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", settings.thinkingBudgetTokens());
        }
        if (stream) body.put("stream", true);
        return Json.write(body);
    }

    private static boolean carriesToolTraffic(ChatRequest request) {
        return request.turns().stream().anyMatch(t -> t.role() == Role.TOOL || !t.toolCalls().isEmpty());
    }

    private static String systemPrompt(List<ChatTurn> turns) {
        List<String> parts = new ArrayList<>();
        for (ChatTurn turn : turns) {
            if (turn.role() == Role.SYSTEM && !turn.text().isBlank()) parts.add(turn.text());
        }
        return String.join("\n\n", parts);
    }

    private static ArrayNode messages(List<ChatTurn> turns) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        String lastRole = "";
        ArrayNode content = null;
        for (ChatTurn turn : turns) {
            if (turn.role() == Role.SYSTEM) continue;
            String role = turn.role() == Role.ASSISTANT ? "assistant" : "user";
            if (messages.isEmpty() && role.equals("assistant")) continue;
            ArrayNode blocks = blocks(turn);
            if (blocks.isEmpty()) continue;
            if (!role.equals(lastRole)) {
                ObjectNode message = messages.addObject().put("role", role);
                content = message.putArray("content");
                lastRole = role;
            }
            content.addAll(blocks);
        }
        return messages;
    }

    /** A turn's content blocks; pictures before the words, where Claude reads them best. */
    private static ArrayNode blocks(ChatTurn turn) {
        ArrayNode blocks = Json.MAPPER.createArrayNode();
        if (turn.role() == Role.TOOL) {
            blocks.addObject().put("type", "tool_result").put("tool_use_id", turn.toolCallId()).put("content", turn.text());
            return blocks;
        }
        for (Image image : turn.images()) {
            blocks.addObject().put("type", "image").putObject("source").put("type", "base64")
                    .put("media_type", image.mediaType()).put("data", Base64.getEncoder().encodeToString(image.bytes()));
        }
        if (!turn.text().isEmpty()) blocks.addObject().put("type", "text").put("text", turn.text());
        for (ToolCall call : turn.toolCalls()) {
            blocks.addObject().put("type", "tool_use").put("id", call.id()).put("name", call.name())
                    .set("input", objectOrEmpty(call.arguments()));
        }
        return blocks;
    }

    /** Arguments the model wrote that are not a JSON object go back as {@code {}}: the API takes only objects. */
    private static JsonNode objectOrEmpty(String json) {
        JsonNode node = Json.parseOrNull(json);
        return node != null && node.isObject() ? node : Json.MAPPER.createObjectNode();
    }

    /** A schema that is not a JSON object (a tool's mistake) is sent as "any object" rather than failing the request. */
    private static void encodeTool(ToolDefinition tool, ObjectNode encoded) {
        encoded.put("name", tool.name());
        if (!tool.description().isEmpty()) encoded.put("description", tool.description());
        JsonNode schema = Json.parseOrNull(tool.parameters());
        encoded.set("input_schema", schema != null && schema.isObject() ? schema
                : Json.parseOrNull(ToolDefinition.ANY_OBJECT));
    }
}
