package dev.dingbot.testkit.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.List;

/** The JSON shapes an OpenAI-compatible server sends, as the fake server writes them. */
public final class OpenAiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OpenAiJson() {
    }

    /** A whole {@code chat.completion} answer. */
    public static String completion(String model, String text, String finishReason, int promptTokens, int completionTokens) {
        ObjectNode root = base(model, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", finishReason);
        usage(root, promptTokens, completionTokens);
        return write(root);
    }

    /** A whole {@code chat.completion} asking for these tool calls ({@code content: null}, finish {@code tool_calls}). */
    public static String toolCallCompletion(String model, List<ScriptedToolCall> calls, int promptTokens, int completionTokens) {
        ObjectNode root = base(model, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").putNull("content");
        ArrayNode encoded = message.putArray("tool_calls");
        for (ScriptedToolCall call : calls) {
            encoded.addObject().put("id", call.id()).put("type", "function").putObject("function")
                    .put("name", call.name()).put("arguments", call.arguments());
        }
        choice.put("finish_reason", "tool_calls");
        usage(root, promptTokens, completionTokens);
        return write(root);
    }

    /**
     * A {@code chat.completion.chunk} carrying a piece of the tool call at {@code index}: its first one has the id, type
     * and name (and {@code role}, when it is the answer's first chunk); later ones only a piece of the arguments.
     */
    public static String toolCallChunk(String model, int index, ScriptedToolCall first, String arguments) {
        ObjectNode root = base(model, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (first != null && index == 0) delta.put("role", "assistant").putNull("content");
        ObjectNode call = delta.putArray("tool_calls").addObject().put("index", index);
        if (first != null) call.put("id", first.id()).put("type", "function");
        ObjectNode function = call.putObject("function");
        if (first != null) function.put("name", first.name());
        function.put("arguments", arguments);
        choice.putNull("finish_reason");
        root.putNull("usage");
        return write(root);
    }

    /** A {@code chat.completion.chunk} carrying one piece of content (null for a finish chunk with {@code delta:{}}). */
    public static String chunk(String model, String content, String finishReason) {
        ObjectNode root = base(model, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (content != null) delta.put("content", content);
        if (finishReason == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finishReason);
        root.putNull("usage");
        return write(root);
    }

    /** The usage-only chunk ({@code choices: []}) sent before {@code [DONE]} when include_usage was asked. */
    public static String usageChunk(String model, int promptTokens, int completionTokens) {
        ObjectNode root = base(model, "chat.completion.chunk");
        root.putArray("choices");
        usage(root, promptTokens, completionTokens);
        return write(root);
    }

    /** A {@code /models} list holding one model. */
    public static String models(String model) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("object", "list");
        root.putArray("data").addObject().put("id", model).put("object", "model").put("created", 1_763_894_400L)
                .put("owned_by", "system");
        return write(root);
    }

    /** An {@code /images/generations} answer carrying one image as base64, as GPT image models always do. */
    public static String image(byte[] bytes) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("created", 1_763_894_400L);
        root.putArray("data").addObject().put("b64_json", Base64.getEncoder().encodeToString(bytes));
        return write(root);
    }

    /** The standard error body. */
    public static String error(String message, String type, String code) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        if (type == null) error.putNull("type"); else error.put("type", type);
        error.putNull("param");
        if (code == null) error.putNull("code"); else error.put("code", code);
        return write(root);
    }

    /** 401 for a key OpenAI does not know: its message shows the key's first three and last four characters. */
    public static String invalidApiKey(String key) {
        String k = key == null ? "" : key;
        String shown = k.length() < 8 ? "" : k.substring(0, 3) + "*".repeat(k.length() - 7) + k.substring(k.length() - 4);
        return error("Incorrect API key provided: " + shown + ". You can find your API key at "
                + "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key");
    }

    /** 429 for an account out of quota: {@code insufficient_quota} as both type and code. */
    public static String insufficientQuota() {
        return error("You exceeded your current quota, please check your plan and billing details. For more "
                + "information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
                "insufficient_quota", "insufficient_quota");
    }

    private static ObjectNode base(String model, String object) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", object);
        root.put("created", 1_763_894_400L);
        root.put("model", model);
        return root;
    }

    private static void usage(ObjectNode root, int promptTokens, int completionTokens) {
        root.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }

    private static String write(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
