package dev.dingbot.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import dev.dingbot.core.port.ToolBox;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tools of MCP servers (the official MCP Java SDK speaks to them), offered as {@code <server>_<tool>}.
 * Servers start in the background: until one runs, its tools are simply not offered. One that fails is logged
 * once per change and tried again with backoff on the given scheduler; the status tells where each stands.
 */
public final class McpToolBox implements ToolBox, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpToolBox.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ServerLink> links = new ArrayList<>();
    private final ExecutorService workers;
    private volatile Map<String, Offered> byName = Map.of();

    /** A tool as offered: its definition and where calls of it go. */
    private record Offered(ToolDefinition definition, ServerLink link, McpSchema.Tool tool) {
    }

    private McpToolBox(ExecutorService workers) {
        this.workers = workers;
    }

    /**
     * Starts every server of {@code settings} in the background and returns at once.
     *
     * @param scheduler paces the retries of failed servers (the tries themselves run on threads of the tool box)
     * @param clock     stamps the status
     */
    public static McpToolBox start(McpSettings settings, ScheduledExecutorService scheduler, Clock clock) {
        AtomicInteger threads = new AtomicInteger();
        var box = new McpToolBox(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mcp-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        }));
        for (McpServerSettings server : settings.servers()) {
            box.links.add(new ServerLink(server, settings, scheduler, box.workers, clock, box::catalogue));
        }
        box.links.forEach(ServerLink::startInBackground);
        return box;
    }

    @Override
    public List<ToolDefinition> toolsFor(ToolAsker asker) {
        return byName.values().stream()
                .filter(offered -> offered.link().running() && ToolAccess.offers(offered.link().settings(), asker))
                .map(Offered::definition)
                .toList();
    }

    @Override
    public ToolResult call(ToolAsker asker, ToolCall call) {
        try {
            Offered offered = byName.get(call.name());
            if (offered == null || !ToolAccess.offers(offered.link().settings(), asker)) {
                return ToolResult.failed(Outcome.UNKNOWN_TOOL, "no tool is named " + call.name());
            }
            Arguments.Checked arguments = Arguments.check(call.arguments(), offered.tool().inputSchema());
            if (!arguments.ok()) return ToolResult.failed(Outcome.INVALID_ARGUMENTS, arguments.problem());
            return offered.link().call(offered.tool().name(), arguments.values());
        } catch (RuntimeException unexpected) {
            log.warn("MCP tool {} failed unexpectedly: {}", call.name(), CallResults.reason(unexpected));
            return ToolResult.failed(Outcome.UNAVAILABLE, CallResults.reason(unexpected));
        }
    }

    /** Each server's name, state (with the reason of a failure) and the names its tools are offered under. */
    public List<McpServerStatus> status() {
        Map<String, Offered> offered = byName;
        return links.stream().map(link -> link.status(offered.values().stream()
                .filter(o -> o.link() == link).map(o -> o.definition().name()).toList())).toList();
    }

    /** Waits up to {@code patience} until no server is being started, then tells where they stand (for check). */
    public List<McpServerStatus> awaitSettled(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (ServerLink link : links) link.awaitIdle(deadline);
        return status();
    }

    /** Names every server's last known tools, in the order of the servers and of their lists. */
    private synchronized void catalogue() {
        Map<String, Offered> named = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (ServerLink link : links) {
            String server = link.settings().name();
            for (McpSchema.Tool tool : link.tools()) {
                String name = ToolNames.fit(server, tool.name());
                if (taken.contains(name)) name = ToolNames.hashed(server, tool.name());
                if (!taken.add(name)) continue; // the same tool listed twice
                named.put(name, new Offered(new ToolDefinition(name, tool.description(), schema(tool), server,
                        tool.name()), link, tool));
            }
        }
        byName = Collections.unmodifiableMap(named);
    }

    private static String schema(McpSchema.Tool tool) {
        if (tool.inputSchema() == null) return ToolDefinition.ANY_OBJECT;
        try {
            return JSON.writeValueAsString(tool.inputSchema());
        } catch (JsonProcessingException e) {
            return ToolDefinition.ANY_OBJECT;
        }
    }

    /** Stops every server (child processes end) and every retry. */
    @Override
    public void close() {
        links.forEach(ServerLink::close);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
