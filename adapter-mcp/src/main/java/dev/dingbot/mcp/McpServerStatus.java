package dev.dingbot.mcp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one MCP server stands, for {@code dingbot check} and the readiness detail.
 *
 * @param name   the server's configured name
 * @param state  starting, running or failed
 * @param reason why it failed (empty otherwise), one line without secrets
 * @param tools  the names its tools are offered under while it runs
 * @param since  when it came into this state
 */
public record McpServerStatus(String name, State state, String reason, List<String> tools, Instant since) {

    public enum State { STARTING, RUNNING, FAILED }

    public McpServerStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        reason = Objects.requireNonNullElse(reason, "");
        tools = List.copyOf(tools);
    }
}
