package dev.dingbot.app.wiring;

import dev.dingbot.app.config.AppConfig;
import dev.dingbot.app.config.Secret;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.mcp.McpServerSettings;
import dev.dingbot.mcp.McpServerStatus;
import dev.dingbot.mcp.McpSettings;
import dev.dingbot.mcp.McpToolBox;
import dev.dingbot.ops.DomainOps;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The tools the model is offered, as configured: the built-in lookups and the MCP servers, as one {@link ToolBox}.
 * MCP servers start in the background (the bot answers without them meanwhile); closing stops them.
 */
final class BotTools implements AutoCloseable {

    private final ToolBox box;
    private final Optional<McpToolBox> servers;
    private final Optional<ScheduledExecutorService> retries;

    private BotTools(ToolBox box, Optional<McpToolBox> servers, Optional<ScheduledExecutorService> retries) {
        this.box = box;
        this.servers = servers;
        this.retries = retries;
    }

    static BotTools start(AppConfig.Tools config, DomainOps ops, Clock clock) {
        List<ToolBox> boxes = new ArrayList<>();
        if (!config.builtIn().isEmpty()) boxes.add(ops.tools(config.builtIn()));
        if (config.mcpServers().isEmpty()) {
            return new BotTools(combined(boxes), Optional.empty(), Optional.empty());
        }
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "mcp-retries");
            t.setDaemon(true);
            return t;
        });
        McpToolBox servers = McpToolBox.start(settings(config), retries, clock);
        boxes.add(servers);
        return new BotTools(combined(boxes), Optional.of(servers), Optional.of(retries));
    }

    private static ToolBox combined(List<ToolBox> boxes) {
        return boxes.isEmpty() ? ToolBox.NONE : ToolBox.combine(boxes);
    }

    private static McpSettings settings(AppConfig.Tools config) {
        McpSettings.Builder settings = McpSettings.builder().callTimeout(config.callTimeout());
        for (AppConfig.McpServer server : config.mcpServers()) {
            McpServerSettings.Builder one = server.stdio()
                    ? McpServerSettings.stdio(server.name(), server.command()).args(server.args()).env(revealed(server.env()))
                    : McpServerSettings.http(server.name(), URI.create(server.url())).headers(revealed(server.headers()));
            settings.server(one.adminOnly(server.adminOnly()).allowUsers(server.allowUsers())
                    .allowGroups(server.allowGroups()).build());
        }
        return settings.build();
    }

    private static Map<String, String> revealed(Map<String, Secret> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        secrets.forEach((name, secret) -> values.put(name, secret.reveal()));
        return values;
    }

    ToolBox box() {
        return box;
    }

    /** Each MCP server's state now; empty without servers. */
    List<McpServerStatus> status() {
        return servers.map(McpToolBox::status).orElse(List.of());
    }

    /** Waits (at most {@code patience}) until no server is still starting, for {@code check}. */
    List<McpServerStatus> settled(Duration patience) throws InterruptedException {
        return servers.isPresent() ? servers.get().awaitSettled(patience) : List.of();
    }

    /** One line per MCP server, as {@code check} shows it. */
    static String describe(McpServerStatus status) {
        return switch (status.state()) {
            case RUNNING -> "mcp " + status.name() + ": running, " + status.tools().size() + " tools ["
                    + String.join(", ", status.tools()) + "]";
            case STARTING -> "mcp " + status.name() + ": starting";
            case FAILED -> "mcp " + status.name() + ": failed (" + status.reason() + ")";
        };
    }

    /** The lines {@code /readyz} shows: each server as {@code check} does, a failed one tried again meanwhile. */
    List<String> readinessLines() {
        return status().stream().map(s -> describe(s) + (s.state() == McpServerStatus.State.FAILED
                ? ", tried again with growing pauses" : "")).toList();
    }

    @Override
    public void close() {
        servers.ifPresent(McpToolBox::close);
        retries.ifPresent(ScheduledExecutorService::shutdownNow);
    }
}
