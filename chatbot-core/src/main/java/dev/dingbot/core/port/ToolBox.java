package dev.dingbot.core.port;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;

import java.util.List;

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
