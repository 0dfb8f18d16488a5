package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.modelhttp.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles the tool calls of one answer from the pieces servers send: {@code delta.tool_calls[]} of stream chunks,
 * or the whole {@code message.tool_calls[]}. A call is keyed by its {@code index}; its id, name and arguments may
 * come in any chunk, in fragments, interleaved with other calls'. Servers that leave {@code index} out are followed
 * by id (a new id is a new call, none continues the last one).
 */
final class ToolCallParts {

    private final TreeMap<Integer, Part> parts = new TreeMap<>();
    private int last = -1;

    /** Adds a stream delta's {@code tool_calls}: pieces of calls, each naming its call by index (or id). */
    void addDeltas(JsonNode toolCalls) {
        int position = 0;
        for (JsonNode delta : toolCalls) {
            if (delta.isObject()) add(delta, indexOfDelta(delta, position));
            position++;
        }
    }

    /** Adds a whole message's {@code tool_calls}: whole calls, in order. */
    void addWhole(JsonNode toolCalls) {
        int position = 0;
        for (JsonNode call : toolCalls) {
            if (call.isObject()) add(call, position);
            position++;
        }
    }

    private void add(JsonNode delta, int index) {
        last = index;
        Part part = parts.computeIfAbsent(index, i -> new Part());
        if (part.id.isEmpty()) part.id = Json.text(delta, "id");
        JsonNode function = delta.path("function");
        part.addName(Json.text(function, "name"));
        JsonNode arguments = function.get("arguments");
        if (arguments != null && arguments.isContainerNode()) part.arguments.append(Json.write(arguments));
        else part.arguments.append(Json.text(function, "arguments"));
    }

    /**
     * The calls in index order. One without an id gets {@code call_<index>}, so that its result can still name it;
     * one without arguments gets {@code {}}.
     */
    List<ToolCall> calls() {
        List<ToolCall> calls = new ArrayList<>();
        parts.forEach((index, part) -> calls.add(new ToolCall(part.id.isEmpty() ? "call_" + index : part.id,
                part.name.toString(), part.arguments.isEmpty() ? "{}" : part.arguments.toString())));
        return calls;
    }

    private int indexOfDelta(JsonNode delta, int position) {
        JsonNode index = delta.get("index");
        if (index != null && index.canConvertToInt()) return index.asInt();
        String id = Json.text(delta, "id");
        if (id.isEmpty()) return Math.max(last, 0);
        for (Map.Entry<Integer, Part> entry : parts.entrySet()) {
            if (entry.getValue().id.equals(id)) return entry.getKey();
        }
        return parts.isEmpty() ? position : Math.max(position, parts.lastKey() + 1);
    }

    private static final class Part {
        private String id = "";
        private final StringBuilder name = new StringBuilder();
        private final StringBuilder arguments = new StringBuilder();

        /** A name is appended in fragments; once arguments flow, a repeat of the whole name is not a fragment. */
        void addName(String fragment) {
            if (fragment.isEmpty()) return;
            if (!arguments.isEmpty() && fragment.contentEquals(name)) return;
            name.append(fragment);
        }
    }
}
