package dev.dingbot.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A tool offered to the model.
 *
 * @param name        what the model calls it: unique among the tools of one request, {@code ^[a-zA-Z0-9_-]{1,64}$}
 * @param description what it does, in the tool's own words
 * @param parameters  the JSON Schema of its arguments object, as JSON text
 * @param server      where it comes from: an MCP server's configured name, or {@link #BUILT_IN}
 * @param tool        its name at that server (the model's {@code name} without the server prefix)
 */
public record ToolDefinition(String name, String description, String parameters, String server, String tool) {

    /** The {@code server} of the tools the bot brings itself. */
    public static final String BUILT_IN = "builtin";

    /** The names providers accept for a function (OpenAI's rule; Anthropic's is the same). */
    public static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    /** An arguments object that takes any properties, for a tool that declares none. */
    public static final String ANY_OBJECT = "{\"type\":\"object\",\"properties\":{}}";

    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a tool name: " + name);
        description = Objects.requireNonNullElse(description, "");
        parameters = parameters == null || parameters.isBlank() ? ANY_OBJECT : parameters;
        server = Objects.requireNonNullElse(server, BUILT_IN);
        tool = tool == null || tool.isEmpty() ? name : tool;
    }

    /** A tool the bot brings itself: no prefix, its name is the same at both ends. */
    public static ToolDefinition builtIn(String name, String description, String parameters) {
        return new ToolDefinition(name, description, parameters, BUILT_IN, name);
    }
}
