package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Usage;
import dev.dingbot.modelhttp.AnswerPieces;
import dev.dingbot.modelhttp.Json;

import java.util.Optional;

/**
 * Gathers one answer from a non-streamed completion or from stream chunks: text and reasoning kept apart, tool calls
 * (which never reach the listener), usage from whichever chunk carries it, the finish reason, content-filter marks and
 * an error reported inside the answer.
 */
final class AnswerGatherer {

    private final String model;
    private final AnswerPieces pieces;
    private final ToolCallParts toolCalls = new ToolCallParts();
    private Usage usage;
    private String finishReason;
    private boolean filtered;
    private boolean done;
    private Failure error;

    AnswerGatherer(String model, ChatListener listener) {
        this.model = model;
        this.pieces = new AnswerPieces(listener);
    }

    /** Applies one event of a stream; false once the stream is over ({@code [DONE]} or an error event). */
    boolean onEvent(String data) {
        if (data.startsWith("[DONE]")) {
            done = true;
            return false;
        }
        JsonNode chunk = Json.parseOrNull(data);
        if (chunk == null) return true; // not JSON: ignore, as other clients do
        if (hasError(chunk)) {
            error = Failure.fromErrorNode(0, chunk.get("error"));
            return false;
        }
        readUsage(chunk.get("usage"));
        for (JsonNode choice : chunk.path("choices")) {
            JsonNode delta = choice.get("delta");
            if (delta != null) {
                pieces.addReasoning(textOf(delta, "reasoning_content"));
                pieces.addReasoning(textOf(delta, "reasoning"));
                pieces.addText(textOf(delta, "content"));
                pieces.addText(textOf(delta, "refusal"));
                toolCalls.addDeltas(delta.path("tool_calls"));
            }
            readChoiceEnd(choice);
        }
        return true;
    }

    /** Applies a whole completion (the listener, if any, gets it as one piece); false if it carried an error. */
    boolean onCompletion(JsonNode root) {
        if (hasError(root)) {
            error = Failure.fromErrorNode(0, root.get("error"));
            return false;
        }
        readUsage(root.get("usage"));
        if (root.path("choices").isEmpty()) {
            error = Failure.of(ChatStatus.SERVER_ERROR, "the answer holds no choices");
            return false;
        }
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        pieces.addReasoning(textOf(message, "reasoning_content"));
        pieces.addReasoning(textOf(message, "reasoning"));
        String content = textOf(message, "content");
        pieces.addText(content.isEmpty() ? textOf(message, "refusal") : content);
        toolCalls.addWhole(message.path("tool_calls"));
        readChoiceEnd(choice);
        done = true;
        return true;
    }

    /** Whether any piece reached the listener; a call is retried only while nothing has. */
    boolean delivered() {
        return pieces.delivered();
    }

    boolean hasText() {
        return pieces.hasText();
    }

    /** The outcome once the answer has ended, by [DONE], a finish reason, EOF or an error event. */
    Outcome outcome() {
        if (error != null) return Outcome.failed(error);
        if (!done && finishReason == null) {
            return Outcome.failed(Failure.of(ChatStatus.NETWORK, "the stream ended before the answer was complete"));
        }
        if ("insufficient_system_resource".equals(finishReason)) {
            return Outcome.failed(Failure.of(ChatStatus.SERVER_ERROR, "the server ran out of capacity (insufficient_system_resource)"));
        }
        if (filtered || "content_filter".equals(finishReason)) {
            return Outcome.of(result(ChatStatus.CONTENT_FILTERED, "the answer was stopped by the provider's content filter"));
        }
        if ("length".equals(finishReason)) return Outcome.of(result(ChatStatus.TRUNCATED, "the answer reached the token limit"));
        // The calls decide, whatever the finish reason: some servers say "stop" while sending them.
        return Outcome.of(new ChatResult(ChatStatus.OK, pieces.text(), pieces.reasoning(), Optional.ofNullable(usage),
                "", toolCalls.calls()));
    }

    /** A failure as a result: text already delivered turns it into INTERRUPTED with that text kept. */
    ChatResult failedResult(Failure failure) {
        if (hasText() && failure.status() != ChatStatus.CONTENT_FILTERED) return result(ChatStatus.INTERRUPTED, failure.message());
        return new ChatResult(failure.status(), pieces.text(), pieces.reasoning(), Optional.ofNullable(usage), failure.message());
    }

    private ChatResult result(ChatStatus status, String message) {
        return new ChatResult(status, pieces.text(), pieces.reasoning(), Optional.ofNullable(usage), message);
    }

    private void readChoiceEnd(JsonNode choice) {
        String finish = textOf(choice, "finish_reason");
        if (!finish.isEmpty()) finishReason = finish;
        for (JsonNode category : choice.path("content_filter_results")) {
            if (category.path("filtered").asBoolean(false)) filtered = true;
        }
    }

    private void readUsage(JsonNode node) {
        if (node == null || !node.isObject()) return;
        usage = new Usage(model, node.path("prompt_tokens").asLong(0), node.path("completion_tokens").asLong(0));
    }

    private static boolean hasError(JsonNode node) {
        JsonNode error = node.get("error");
        return error != null && !error.isNull();
    }

    private static String textOf(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }

    /** Either a result or a failure that the caller may retry. */
    record Outcome(ChatResult result, Failure failure) {
        static Outcome of(ChatResult result) {
            return new Outcome(result, null);
        }

        static Outcome failed(Failure failure) {
            return new Outcome(null, failure);
        }
    }
}
