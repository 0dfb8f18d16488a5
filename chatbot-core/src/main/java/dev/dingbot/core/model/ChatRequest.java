package dev.dingbot.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What to ask the model.
 *
 * @param turns           system prompt (optional), earlier turns and the question, oldest first; in later rounds
 *                        also the assistant's tool calls and their results
 * @param user            a stable id of the asking user, for providers that take one
 * @param maxAnswerTokens upper bound on the answer length, in tokens
 * @param tools           the tools the model may call (offered with {@code tool_choice: auto}); empty: none
 * @param model           the model to answer, one of {@link dev.dingbot.core.port.ChatModel#models()}; empty: the
 *                        chat model's default
 */
public record ChatRequest(List<ChatTurn> turns, String user, int maxAnswerTokens, List<ToolDefinition> tools,
                          String model) {

    public ChatRequest {
        turns = List.copyOf(Objects.requireNonNull(turns, "turns"));
        user = Objects.requireNonNullElse(user, "");
        tools = List.copyOf(Objects.requireNonNullElse(tools, List.of()));
        model = Objects.requireNonNullElse(model, "").strip();
    }

    /** A request for the chat model's default model. */
    public ChatRequest(List<ChatTurn> turns, String user, int maxAnswerTokens, List<ToolDefinition> tools) {
        this(turns, user, maxAnswerTokens, tools, "");
    }

    public ChatRequest(List<ChatTurn> turns, String user, int maxAnswerTokens) {
        this(turns, user, maxAnswerTokens, List.of());
    }

    public boolean offersTools() {
        return !tools.isEmpty();
    }

    /** The same request with no tools offered (the turns keep whatever tool traffic they hold). */
    public ChatRequest withoutTools() {
        return tools.isEmpty() ? this : new ChatRequest(turns, user, maxAnswerTokens, List.of(), model);
    }

    /** The same request for {@code name} (empty: the default model). */
    public ChatRequest forModel(String name) {
        return new ChatRequest(turns, user, maxAnswerTokens, tools, name);
    }

    /** The model asked for, or {@code fallback} when the request leaves it to the default. */
    public String modelOr(String fallback) {
        return model.isEmpty() ? fallback : model;
    }
}
