package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.port.BotObserver;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.core.settings.ToolSettings;
import dev.dingbot.core.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tool calls of one model turn, all at once, each within the call timeout; reports each one's end as it
 * comes (for the card's progress lines), logs and counts it. A call the model was not offered never reaches the
 * tool box. Results longer than {@link ToolSettings#maxResultChars()} are cut, with a line saying so.
 */
final class ToolRunner {

    private static final Logger log = LoggerFactory.getLogger(ToolRunner.class);
    private static final String UNKNOWN = "unknown";

    /** Hears the calls of a round start and end, on the answering thread. */
    interface Progress {
        void started(List<ToolCall> calls);

        void ended(ToolCall call, ToolResult result, Duration took);
    }

    private final ToolBox box;
    private final ToolSettings settings;
    private final ExecutorService threads;
    private final BotObserver observer;
    private final Clock clock;

    ToolRunner(ToolBox box, ToolSettings settings, ExecutorService threads, BotObserver observer, Clock clock) {
        this.box = box;
        this.settings = settings;
        this.threads = threads;
        this.observer = observer;
        this.clock = clock;
    }

    /** The results, in the order of {@code calls}. */
    List<ToolResult> run(ToolAsker asker, List<ToolCall> calls, List<ToolDefinition> offered, Progress progress) {
        Map<String, ToolDefinition> byName = new HashMap<>();
        offered.forEach(tool -> byName.put(tool.name(), tool));
        progress.started(calls);
        Instant start = clock.instant();
        long deadline = System.nanoTime() + settings.callTimeout().toNanos();
        LinkedBlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        List<Future<ToolResult>> running = new ArrayList<>();
        ToolResult[] results = new ToolResult[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            if (!byName.containsKey(call.name())) {
                results[i] = unknown(call, offered);
                running.add(null);
                finished.add(i);
                continue;
            }
            running.add(submit(asker, call, i, finished));
        }
        int pending = calls.size();
        while (pending > 0) {
            Integer done = next(finished, deadline);
            if (done == null) break;
            pending--;
            if (results[done] == null) results[done] = outcomeOf(running.get(done));
            end(calls.get(done), byName.get(calls.get(done).name()), results[done], start, progress);
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] != null) continue;
            running.get(i).cancel(true);
            results[i] = ToolResult.failed(ToolResult.Outcome.TIMEOUT,
                    "the tool did not answer within " + DurationText.seconds(settings.callTimeout()));
            end(calls.get(i), byName.get(calls.get(i).name()), results[i], start, progress);
        }
        return List.of(results);
    }

    private Future<ToolResult> submit(ToolAsker asker, ToolCall call, int index, LinkedBlockingQueue<Integer> finished) {
        try {
            return threads.submit(() -> {
                try {
                    return box.call(asker, call);
                } finally {
                    finished.add(index);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            finished.add(index);
            return CompletableFuture.completedFuture(
                    ToolResult.failed(ToolResult.Outcome.UNAVAILABLE, "the bot is shutting down"));
        }
    }

    private static Integer next(LinkedBlockingQueue<Integer> finished, long deadline) {
        try {
            return finished.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static ToolResult outcomeOf(Future<ToolResult> future) {
        try {
            ToolResult result = future.get();
            return result == null ? ToolResult.failed(ToolResult.Outcome.UNAVAILABLE, "the tool returned nothing") : result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.failed(ToolResult.Outcome.UNAVAILABLE, "the call was interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ToolResult.failed(ToolResult.Outcome.UNAVAILABLE, "the tool failed (" + cause.getClass().getSimpleName() + ")");
        }
    }

    private static ToolResult unknown(ToolCall call, List<ToolDefinition> offered) {
        String names = String.join(", ", offered.stream().map(ToolDefinition::name).toList());
        return ToolResult.failed(ToolResult.Outcome.UNKNOWN_TOOL,
                "no tool is named \"" + call.name() + "\"; the tools are: " + (names.isEmpty() ? "none" : names));
    }

    private void end(ToolCall call, ToolDefinition tool, ToolResult result, Instant start, Progress progress) {
        Duration took = Duration.between(start, clock.instant());
        // A name the model made up is logged (made safe) but never becomes a metrics label.
        String server = tool == null ? UNKNOWN : tool.server();
        String name = tool == null ? UNKNOWN : tool.tool();
        String shown = tool == null ? LogText.safe(call.name()) : name;
        log.info("tool {}/{}: {} in {} ms", server, shown, result.outcome().word(), took.toMillis());
        if (log.isDebugEnabled()) log.debug("tool {}/{} was called with {}", server, shown, LogText.safe(call.arguments()));
        observer.toolCalled(server, name, result.outcome().word(), took);
        progress.ended(call, result, took);
    }

    /** What goes back to the model: the result, cut to its limit with a line that says so. */
    String forModel(ToolResult result) {
        String text = result.forModel();
        int max = settings.maxResultChars();
        if (text.length() <= max) return text;
        return text.substring(0, max) + "\n[The result was cut: it had " + text.length() + " characters, only the first "
                + max + " are shown.]";
    }
}
