package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import dev.dingbot.core.port.ToolBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tools of MCP servers (the official MCP Java SDK speaks to them), offered as {@code <server>_<tool>}.
 * Servers start in the background: until one runs, its tools are simply not offered. One that fails is logged
 * once per change and tried again with backoff on the given scheduler; the status tells where each stands.
 */
public final class McpToolBox implements ToolBox, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(McpToolBox.class);

    private final List<ServerLink> links = new ArrayList<>();
    private final ExecutorService workers;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ToolCatalogue catalogue = ToolCatalogue.EMPTY;

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
            box.links.add(new ServerLink(server, settings, scheduler, box.workers, clock, box::refreshCatalogue));
        }
        box.links.forEach(ServerLink::startInBackground);
        return box;
    }

    @Override
    public List<ToolDefinition> toolsFor(ToolAsker asker) {
        return catalogue.all().stream()
                .filter(offered -> offered.link().running() && ToolAccess.offers(offered.link().settings(), asker))
                .map(ToolCatalogue.Offered::definition)
                .toList();
    }

    @Override
    public ToolResult call(ToolAsker asker, ToolCall call) {
        try {
            ToolCatalogue.Offered offered = catalogue.find(call.name());
            if (offered == null || !ToolAccess.offers(offered.link().settings(), asker)) {
                return ToolResult.failed(Outcome.UNKNOWN_TOOL, "no tool is named " + call.name());
            }
            return offered.call(call.arguments());
        } catch (RuntimeException unexpected) {
            log.warn("MCP tool {} failed unexpectedly: {}", call.name(), CallResults.reason(unexpected));
            return ToolResult.failed(Outcome.UNAVAILABLE, CallResults.reason(unexpected));
        }
    }

    /** Each server's name, state (with the reason of a failure) and the names its tools are offered under. */
    public List<McpServerStatus> status() {
        ToolCatalogue current = catalogue;
        return links.stream().map(link -> link.status(current.namesOf(link))).toList();
    }

    /** Waits up to {@code patience} until no server is being started, then tells where they stand (for check). */
    public List<McpServerStatus> awaitSettled(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        for (ServerLink link : links) link.awaitIdle(deadline);
        return status();
    }

    private synchronized void refreshCatalogue() {
        catalogue = ToolCatalogue.of(links);
    }

    /** Stops every server, all at once (child processes end), and every retry. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        CompletableFuture<?>[] closing = links.stream()
                .map(link -> CompletableFuture.runAsync(link::close, workers)).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("MCP servers did not all stop in time: {}", CallResults.reason(e));
        }
        // Closing clients of lost servers may still run: they get a moment; then a start under way is interrupted.
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
