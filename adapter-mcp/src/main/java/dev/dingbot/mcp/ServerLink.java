package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolResult;
import dev.dingbot.mcp.McpServerStatus.State;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One MCP server's life: started (or connected), initialised and its tools listed in the background; after a
 * failure tried again with backoff on the scheduler, or at once when one of its tools is called; its tool list kept
 * fresh by {@code list_changed}. A stdio server whose process exits is lost at once, so that the call in flight
 * ends as unavailable rather than waiting for its timeout.
 */
final class ServerLink {

    private static final Logger log = LoggerFactory.getLogger(ServerLink.class);

    /** What a link tells the tool box about. */
    interface Listener {
        void toolsChanged();
    }

    private final McpServerSettings settings;
    private final McpSettings timing;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final Clock clock;
    private final Listener listener;
    /** Held for the whole of one try, so that a call waiting for the server joins the try under way. */
    private final ReentrantLock tries = new ReentrantLock();

    // guarded by this
    private State state = State.STARTING;
    private String reason = "";
    private Instant since;
    private McpSyncClient client;
    private int generation;
    private List<McpSchema.Tool> tools = List.of();
    private int failuresInARow;
    private ScheduledFuture<?> retry;
    private boolean trying;
    private boolean closed;

    ServerLink(McpServerSettings settings, McpSettings timing, ScheduledExecutorService scheduler,
               ExecutorService workers, Clock clock, Listener listener) {
        this.settings = settings;
        this.timing = timing;
        this.scheduler = scheduler;
        this.workers = workers;
        this.clock = clock;
        this.listener = listener;
        this.since = clock.instant();
    }

    McpServerSettings settings() {
        return settings;
    }

    synchronized List<McpSchema.Tool> tools() {
        return tools;
    }

    synchronized boolean running() {
        return state == State.RUNNING;
    }

    synchronized McpServerStatus status(List<String> toolNames) {
        return new McpServerStatus(settings.name(), state, reason, state == State.RUNNING ? toolNames : List.of(), since);
    }

    void startInBackground() {
        log.info("MCP server {} starting ({})", settings.name(), SdkClients.where(settings));
        tryInBackground();
    }

    /** Waits until no try is under way, or until {@code deadline} (nanoTime). */
    synchronized void awaitIdle(long deadline) throws InterruptedException {
        for (long left = deadline - System.nanoTime(); trying && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Calls {@code tool}, starting the server first when it is not running. */
    ToolResult call(String tool, Map<String, Object> arguments) {
        McpSyncClient current;
        int calledGeneration;
        try {
            current = runningClient();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.failed(ToolResult.Outcome.TIMEOUT, "stopped waiting for MCP server " + settings.name());
        }
        synchronized (this) {
            if (current == null) {
                return ToolResult.failed(ToolResult.Outcome.UNAVAILABLE,
                        "MCP server " + settings.name() + " is not running: " + reason);
            }
            calledGeneration = generation;
        }
        try {
            return CallResults.of(current.callTool(McpSchema.CallToolRequest.builder(tool).arguments(arguments).build()));
        } catch (RuntimeException e) {
            if (CallResults.serverLost(e)) lost(calledGeneration, CallResults.reason(e));
            if (CallResults.interrupted(e)) Thread.currentThread().interrupt(); // the caller stopped waiting
            return CallResults.failure(e, timing.callTimeout());
        }
    }

    private McpSyncClient runningClient() throws InterruptedException {
        synchronized (this) {
            if (state == State.RUNNING || closed) return client;
        }
        tries.lockInterruptibly();
        try {
            synchronized (this) {
                if (state == State.RUNNING || closed) return client;
                trying = true;
            }
            tryNow();
            synchronized (this) {
                return client;
            }
        } finally {
            tries.unlock();
        }
    }

    private void tryInBackground() {
        synchronized (this) {
            if (closed) return;
            trying = true;
        }
        try {
            workers.execute(() -> {
                tries.lock();
                try {
                    tryNow();
                } finally {
                    tries.unlock();
                }
            });
        } catch (RejectedExecutionException closing) {
            idle();
        }
    }

    /** One try, with {@link #tries} held: open, initialise, list the tools. */
    private void tryNow() {
        SdkClients.Opened opened = null;
        try {
            int attempt;
            synchronized (this) {
                if (closed || state == State.RUNNING) return;
                attempt = ++generation;
            }
            opened = SdkClients.open(settings, timing.callTimeout(), listed -> toolsListed(attempt, listed));
            opened.client().initialize();
            List<McpSchema.Tool> listed = listAll(opened.client());
            synchronized (this) {
                if (closed) {
                    closeQuietly(opened.client());
                    return;
                }
                client = opened.client();
                tools = listed;
                failuresInARow = 0;
                cancelRetry();
                moveTo(State.RUNNING, "");
            }
            log.info("MCP server {} is running with {} tools: {}", settings.name(), listed.size(),
                    listed.stream().map(McpSchema.Tool::name).toList());
            if (opened.process() != null) watchExit(attempt, opened);
            listener.toolsChanged();
        } catch (RuntimeException e) {
            if (opened != null) closeInBackground(opened.client());
            failed(CallResults.reason(e));
        } finally {
            idle();
        }
    }

    private synchronized void idle() {
        trying = false;
        notifyAll();
    }

    private static List<McpSchema.Tool> listAll(McpSyncClient client) {
        List<McpSchema.Tool> all = new ArrayList<>();
        String cursor = null;
        do {
            McpSchema.ListToolsResult page = cursor == null ? client.listTools() : client.listTools(cursor);
            if (page.tools() != null) all.addAll(page.tools());
            cursor = page.nextCursor();
        } while (cursor != null && !cursor.isEmpty());
        return List.copyOf(all);
    }

    private void toolsListed(int attempt, List<McpSchema.Tool> listed) {
        synchronized (this) {
            if (attempt != generation || closed) return;
            tools = List.copyOf(listed);
        }
        log.info("MCP server {} changed its tools: {}", settings.name(), listed.stream().map(McpSchema.Tool::name).toList());
        listener.toolsChanged();
    }

    private void watchExit(int attempt, SdkClients.Opened opened) {
        try {
            workers.execute(() -> {
                try {
                    opened.process().awaitForExit();
                } catch (RuntimeException interrupted) {
                    return; // the tool box is closing
                }
                lost(attempt, "the process exited");
            });
        } catch (RejectedExecutionException closing) {
            // nothing to watch for any more
        }
    }

    /** The server went away while it ran: calls in flight end, and it is tried again. */
    private void lost(int attempt, String why) {
        McpSyncClient gone;
        synchronized (this) {
            if (attempt != generation || state != State.RUNNING || closed) return;
            gone = client;
            client = null;
            failed(why);
        }
        closeInBackground(gone);
    }

    /** Closing a client whose server is gone or never answered can take the SDK's whole close timeout. */
    private void closeInBackground(McpSyncClient gone) {
        try {
            workers.execute(() -> closeQuietly(gone));
        } catch (RejectedExecutionException closing) {
            closeQuietly(gone);
        }
    }

    private void failed(String why) {
        synchronized (this) {
            if (closed) return;
            failuresInARow++;
            moveTo(State.FAILED, why);
            scheduleRetry();
        }
    }

    /** Logs a change of state (a failure for the same reason again is no change). */
    private void moveTo(State next, String why) {
        if (state == next && reason.equals(why)) return;
        state = next;
        reason = why;
        since = clock.instant();
        if (next == State.FAILED) log.warn("MCP server {} failed: {}", settings.name(), why);
    }

    private void scheduleRetry() {
        cancelRetry();
        long delay = Math.min(timing.maxRetry().toNanos(),
                timing.firstRetry().toNanos() << Math.min(failuresInARow - 1, 30));
        try {
            retry = scheduler.schedule(this::tryInBackground, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            retry = null;
        }
    }

    private void cancelRetry() {
        if (retry != null) retry.cancel(false);
        retry = null;
    }

    /** Stops the server (a child process is ended) and every retry. */
    void close() {
        McpSyncClient last;
        synchronized (this) {
            if (closed) return;
            closed = true;
            cancelRetry();
            last = client;
            client = null;
        }
        closeQuietly(last);
    }

    private void closeQuietly(McpSyncClient closing) {
        if (closing == null) return;
        try {
            closing.closeGracefully();
        } catch (RuntimeException e) {
            log.debug("MCP server {} did not close cleanly: {}", settings.name(), CallResults.reason(e));
        }
    }
}
