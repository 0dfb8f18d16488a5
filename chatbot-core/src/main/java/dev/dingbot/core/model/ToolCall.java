package dev.dingbot.core.model;

import java.util.Objects;

/**
 * A call the model asked for.
 *
 * @param id        the provider's id of the call, echoed with its result
 * @param name      the tool's name as it was offered ({@link ToolDefinition#name()})
 * @param arguments the arguments as the model wrote them: JSON text, not checked yet
 */
public record ToolCall(String id, String name, String arguments) {

    public ToolCall {
        id = Objects.requireNonNullElse(id, "");
        name = Objects.requireNonNullElse(name, "");
        arguments = Objects.requireNonNullElse(arguments, "");
    }
}
