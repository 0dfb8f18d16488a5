package dev.dingbot.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation with the model. Images are sent with the turn but never kept in a session, and
 * neither is tool traffic (an assistant turn's {@code toolCalls}, the {@link Role#TOOL} turns that answer them).
 *
 * @param toolCalls  the calls an assistant turn asked for; empty otherwise
 * @param toolCallId for a {@link Role#TOOL} turn, the id of the call it answers; empty otherwise
 */
public record ChatTurn(Role role, String text, List<Image> images, List<ToolCall> toolCalls, String toolCallId) {

    public ChatTurn {
        Objects.requireNonNull(role, "role");
        text = Objects.requireNonNullElse(text, "");
        images = List.copyOf(Objects.requireNonNullElse(images, List.of()));
        toolCalls = List.copyOf(Objects.requireNonNullElse(toolCalls, List.of()));
        toolCallId = Objects.requireNonNullElse(toolCallId, "");
    }

    public ChatTurn(Role role, String text, List<Image> images) {
        this(role, text, images, List.of(), "");
    }

    public static ChatTurn system(String text) {
        return new ChatTurn(Role.SYSTEM, text, List.of());
    }

    public static ChatTurn user(String text) {
        return new ChatTurn(Role.USER, text, List.of());
    }

    public static ChatTurn user(String text, List<Image> images) {
        return new ChatTurn(Role.USER, text, images);
    }

    public static ChatTurn assistant(String text) {
        return new ChatTurn(Role.ASSISTANT, text, List.of());
    }

    /** The assistant's turn that asked for tools (with whatever text it wrote beside the calls). */
    public static ChatTurn assistantCalling(String text, List<ToolCall> calls) {
        return new ChatTurn(Role.ASSISTANT, text, List.of(), calls, "");
    }

    /** A tool's result for the call {@code callId}. */
    public static ChatTurn toolResult(String callId, String text) {
        return new ChatTurn(Role.TOOL, text, List.of(), List.of(), callId);
    }

    public ChatTurn withoutImages() {
        return images.isEmpty() ? this : new ChatTurn(role, text, List.of(), toolCalls, toolCallId);
    }
}
