package dev.dingbot.core.testing;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.port.ToolBox;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Tools given as functions of their arguments text; records each call with its asker. A tool may be offered to
 * some askers only ({@link #onlyFor}).
 */
public final class FakeToolBox implements ToolBox {

    /** A call as the box received it. */
    public record Received(ToolAsker asker, ToolCall call) { }

    private final Map<String, ToolDefinition> tools = new ConcurrentHashMap<>();
    private final Map<String, Function<String, ToolResult>> behaviour = new ConcurrentHashMap<>();
    private final Map<String, Predicate<ToolAsker>> audience = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** Adds a tool of server {@code server} (its model name {@code <server>_<tool>}, or {@code tool} when built in). */
    public FakeToolBox with(String server, String tool, Function<String, ToolResult> run) {
        boolean builtIn = server.equals(ToolDefinition.BUILT_IN);
        String name = builtIn ? tool : server + "_" + tool;
        tools.put(name, new ToolDefinition(name, "the " + tool + " tool",
                "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}", server, tool));
        behaviour.put(name, run);
        return this;
    }

    public FakeToolBox onlyFor(String name, Predicate<ToolAsker> who) {
        audience.put(name, who);
        return this;
    }

    public List<Received> received() {
        return received;
    }

    @Override
    public List<ToolDefinition> toolsFor(ToolAsker asker) {
        return tools.values().stream().filter(t -> audience.getOrDefault(t.name(), a -> true).test(asker))
                .sorted(Comparator.comparing(ToolDefinition::name)).toList();
    }

    @Override
    public ToolResult call(ToolAsker asker, ToolCall call) {
        received.add(new Received(asker, call));
        Function<String, ToolResult> run = behaviour.get(call.name());
        if (run == null || !audience.getOrDefault(call.name(), a -> true).test(asker)) {
            return ToolResult.failed(ToolResult.Outcome.UNKNOWN_TOOL, "no tool is named " + call.name());
        }
        return run.apply(call.arguments());
    }
}
