package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.Usage;
import dev.dingbot.modelhttp.AnswerPieces;
import dev.dingbot.modelhttp.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gathers one answer from a whole message or from the events of a stream. Text blocks are the answer; thinking
 * blocks are kept apart as reasoning (the listener's {@code onReasoning}, the result's {@code reasoning}), as the
 * OpenAI adapter keeps DeepSeek's {@code reasoning_content}; their signatures are dropped, since core keeps no
 * thinking between rounds. A {@code tool_use} block becomes a {@link ToolCall} once its {@code input_json_delta}
 * pieces are joined; calls never reach the listener. Usage is {@code message_start}'s input tokens (cache reads
 * and writes included) and {@code message_delta}'s output tokens.
 */
final class MessagesAnswer {

    private final String model;
    private final AnswerPieces pieces;
    private final Map<Integer, ToolUse> toolUses = new TreeMap<>();
    private long inputTokens = -1;
    private long outputTokens = -1;
    private String stopReason;
    private boolean stopped;
    private AnthropicFailure error;

    MessagesAnswer(String model, ChatListener listener) {
        this.model = model;
        this.pieces = new AnswerPieces(listener);
    }

    /** Applies one event of a stream; false once the stream is over ({@code message_stop} or an {@code error} event). */
    boolean onEvent(String data) {
        JsonNode event = Json.parseOrNull(data);
        if (event == null) return true; // not JSON: ignored, as the SDKs do
        int index = event.path("index").asInt(0);
        switch (Json.text(event, "type")) {
            case "message_start" -> readUsage(event.path("message").path("usage"));
            case "content_block_start" -> startBlock(index, event.path("content_block"));
            case "content_block_delta" -> applyDelta(index, event.path("delta"));
            case "message_delta" -> {
                String reason = Json.text(event.path("delta"), "stop_reason");
                if (!reason.isEmpty()) stopReason = reason;
                readUsage(event.path("usage"));
            }
            case "message_stop" -> {
                stopped = true;
                return false;
            }
            case "error" -> {
                error = AnthropicFailure.fromErrorNode(0, event.get("error"));
                return false;
            }
            default -> { } // ping, content_block_stop, and event types added later
        }
        return true;
    }

    /** Applies a whole message (the listener, if any, gets each block as one piece). */
    void onMessage(JsonNode message) {
        if (Json.text(message, "type").equals("error")) {
            error = AnthropicFailure.fromErrorNode(0, message.get("error"));
            return;
        }
        int index = 0;
        for (JsonNode block : message.path("content")) {
            startBlock(index, block);
            ToolUse use = toolUses.get(index);
            if (use != null && block.path("input").isObject()) use.input.append(Json.write(block.get("input")));
            index++;
        }
        stopReason = Json.text(message, "stop_reason");
        readUsage(message.path("usage"));
        stopped = true;
    }

    /** Whether any piece reached the listener; a call is retried only while nothing has. */
    boolean delivered() {
        return pieces.delivered();
    }

    /** The result once the answer has ended (message_stop, a stop reason, the end of the stream or an error), or the failure. */
    AnthropicFailure failure() {
        if (error != null) return error;
        if (!stopped && stopReason == null) {
            return AnthropicFailure.of(ChatStatus.NETWORK, "the stream ended before the answer was complete");
        }
        return null;
    }

    /** The answer, once {@link #failure()} said there is none. */
    ChatResult result() {
        return switch (stopReason == null ? "" : stopReason) {
            case "max_tokens", "model_context_window_exceeded" ->
                    result(ChatStatus.TRUNCATED, "the answer reached the token limit (" + stopReason + ")");
            case "refusal" -> result(ChatStatus.CONTENT_FILTERED, "Claude declined to answer (stop_reason refusal)");
            default -> new ChatResult(ChatStatus.OK, pieces.text(), pieces.reasoning(), usage(), "", toolCalls());
        };
    }

    /** A failure as a result: text already delivered turns it into INTERRUPTED with that text kept. */
    ChatResult failedResult(AnthropicFailure failure) {
        if (pieces.hasText()) return result(ChatStatus.INTERRUPTED, failure.message());
        return new ChatResult(failure.status(), pieces.text(), pieces.reasoning(), usage(), failure.message());
    }

    private ChatResult result(ChatStatus status, String message) {
        return new ChatResult(status, pieces.text(), pieces.reasoning(), usage(), message);
    }

    private void startBlock(int index, JsonNode block) {
        switch (Json.text(block, "type")) {
            case "text" -> pieces.addText(Json.text(block, "text"));
            case "thinking" -> pieces.addReasoning(Json.text(block, "thinking"));
            // A stream's tool_use starts with an empty input that its input_json_delta pieces fill.
            case "tool_use" -> toolUses.put(index, new ToolUse(Json.text(block, "id"), Json.text(block, "name")));
            default -> { } // redacted_thinking and blocks of server tools: nothing for the chat
        }
    }

    private void applyDelta(int index, JsonNode delta) {
        switch (Json.text(delta, "type")) {
            case "text_delta" -> pieces.addText(Json.text(delta, "text"));
            case "thinking_delta" -> pieces.addReasoning(Json.text(delta, "thinking"));
            case "input_json_delta" -> {
                ToolUse use = toolUses.get(index);
                if (use != null) use.input.append(Json.text(delta, "partial_json"));
            }
            default -> { } // signature_delta, citations
        }
    }

    private void readUsage(JsonNode usage) {
        if (usage.has("input_tokens")) {
            inputTokens = usage.path("input_tokens").asLong(0) + usage.path("cache_creation_input_tokens").asLong(0)
                    + usage.path("cache_read_input_tokens").asLong(0);
        }
        if (usage.has("output_tokens")) outputTokens = usage.path("output_tokens").asLong(0);
    }

    private Optional<Usage> usage() {
        if (inputTokens < 0 && outputTokens < 0) return Optional.empty();
        return Optional.of(new Usage(model, Math.max(inputTokens, 0), Math.max(outputTokens, 0)));
    }

    /** The calls in block order; one without input gets {@code {}}. */
    private List<ToolCall> toolCalls() {
        List<ToolCall> calls = new ArrayList<>();
        for (ToolUse use : toolUses.values()) {
            calls.add(new ToolCall(use.id, use.name, use.input.isEmpty() ? "{}" : use.input.toString()));
        }
        return calls;
    }

    private static final class ToolUse {
        private final String id;
        private final String name;
        private final StringBuilder input = new StringBuilder();

        ToolUse(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }
}
