package dev.dingbot.testkit.anthropic;

import dev.dingbot.testkit.openai.ScriptedToolCall;

import java.util.List;
import java.util.Objects;

/**
 * An answer the fake Anthropic server gives (see {@link FakeAnthropicServer#enqueueMessage}): a thinking block when
 * {@code thinking} is not empty, a text block when {@code text} is not empty, one {@code tool_use} block per call,
 * and the stop reason.
 *
 * @param stopReason {@code end_turn}, {@code max_tokens}, {@code stop_sequence}, {@code tool_use} or {@code refusal}
 */
public record ScriptedMessage(String thinking, String text, List<ScriptedToolCall> toolUses, String stopReason,
                              int inputTokens, int outputTokens) {

    public ScriptedMessage {
        thinking = Objects.requireNonNullElse(thinking, "");
        text = Objects.requireNonNullElse(text, "");
        toolUses = List.copyOf(Objects.requireNonNullElse(toolUses, List.of()));
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /** A text answer that ends the turn. */
    public static ScriptedMessage text(String text) {
        return new ScriptedMessage("", text, List.of(), "end_turn", 25, outputOf(text));
    }

    /** A thinking block, then the text answer. */
    public static ScriptedMessage thinkingThen(String thinking, String text) {
        return new ScriptedMessage(thinking, text, List.of(), "end_turn", 25, outputOf(thinking + text));
    }

    /** Text (may be empty), then these tool calls, stop reason {@code tool_use}. */
    public static ScriptedMessage toolUses(String text, List<ScriptedToolCall> calls) {
        StringBuilder written = new StringBuilder(text);
        calls.forEach(c -> written.append(c.name()).append(c.arguments()));
        return new ScriptedMessage("", text, calls, "tool_use", 25, outputOf(written.toString()));
    }

    /** The beginning of an answer cut at the token limit: stop reason {@code max_tokens}. */
    public static ScriptedMessage cutAtMaxTokens(String text) {
        return new ScriptedMessage("", text, List.of(), "max_tokens", 25, outputOf(text));
    }

    private static int outputOf(String written) {
        return Math.max(1, written.length() / 4);
    }
}
