package dev.dingbot.mcp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The MCP servers whose tools the model may call.
 *
 * @param servers     in the order their tools are offered
 * @param callTimeout how long one request to a server (initialisation, the tool list, a call) may take
 * @param firstRetry  how soon a server that failed is tried again; each failure in a row doubles it
 * @param maxRetry    the longest wait between two tries
 */
public record McpSettings(List<McpServerSettings> servers, Duration callTimeout, Duration firstRetry,
                          Duration maxRetry) {

    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_RETRY = Duration.ofSeconds(60);

    public McpSettings {
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxRetry, "maxRetry");
        if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("callTimeout must be positive: " + callTimeout);
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retries need 0 < firstRetry <= maxRetry: " + firstRetry + ", " + maxRetry);
        }
        Set<String> names = new HashSet<>();
        for (McpServerSettings server : servers) {
            if (!names.add(server.name())) throw new IllegalArgumentException("two MCP servers are named " + server.name());
        }
    }

    /** No servers, a 30 s call timeout, retries after 1 s doubling up to 60 s; each changeable by name. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final List<McpServerSettings> servers = new ArrayList<>();
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration firstRetry = DEFAULT_FIRST_RETRY;
        private Duration maxRetry = DEFAULT_MAX_RETRY;

        private Builder() {
        }

        public Builder server(McpServerSettings value) { servers.add(value); return this; }
        public Builder servers(List<McpServerSettings> value) { servers.addAll(value); return this; }
        public Builder callTimeout(Duration value) { callTimeout = value; return this; }
        public Builder firstRetry(Duration value) { firstRetry = value; return this; }
        public Builder maxRetry(Duration value) { maxRetry = value; return this; }

        public McpSettings build() {
            return new McpSettings(servers, callTimeout, firstRetry, maxRetry);
        }
    }
}
