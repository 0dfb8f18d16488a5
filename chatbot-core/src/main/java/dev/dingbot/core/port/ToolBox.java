package dev.dingbot.core.port;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tools the model may call: MCP servers' tools, built-in lookups. The model loop asks which ones an asker may
 * use, offers them with the question, and runs the calls the model makes, concurrently when there are several.
 */
public interface ToolBox {

    /** The tools this asker may use now (a server that is down offers none); empty: the question goes without. */
    List<ToolDefinition> toolsFor(ToolAsker asker);

    /**
     * Runs one call. Blocks until the tool answers; the loop stops waiting at its own timeout and interrupts the
     * thread. Never throws for the tool's trouble: unknown names (or tools this asker may not use), bad arguments,
     * errors, a crashed server all come back as a failed {@link ToolResult}.
     */
    ToolResult call(ToolAsker asker, ToolCall call);

    /**
     * Several tool boxes as one (built-in tools and each kind of server): the tools of all of them, a name offered
     * by two taken from the first; a call goes to the box that offers its name to this asker.
     */
    static ToolBox combine(List<ToolBox> boxes) {
        List<ToolBox> all = List.copyOf(boxes);
        return new ToolBox() {
            @Override
            public List<ToolDefinition> toolsFor(ToolAsker asker) {
                Map<String, ToolDefinition> byName = new LinkedHashMap<>();
                all.forEach(box -> box.toolsFor(asker).forEach(tool -> byName.putIfAbsent(tool.name(), tool)));
                return List.copyOf(byName.values());
            }

            @Override
            public ToolResult call(ToolAsker asker, ToolCall call) {
                for (ToolBox box : all) {
                    boolean offers = box.toolsFor(asker).stream().anyMatch(tool -> tool.name().equals(call.name()));
                    if (offers) return box.call(asker, call);
                }
                return NONE.call(asker, call);
            }
        };
    }

    /** No tools: every question goes to the model as it is. */
    ToolBox NONE = new ToolBox() {
        @Override
        public List<ToolDefinition> toolsFor(ToolAsker asker) {
            return List.of();
        }

        @Override
        public ToolResult call(ToolAsker asker, ToolCall call) {
            return ToolResult.failed(ToolResult.Outcome.UNKNOWN_TOOL, "no tool is named " + call.name());
        }
    };
}
