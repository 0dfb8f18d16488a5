package dev.dingbot.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every server's last known tools under the names the model knows them by, in the order of the servers and of
 * their lists. A server that is down keeps its entries, so that a call of one of its tools can start it again.
 */
final class ToolCatalogue {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final ToolCatalogue EMPTY = new ToolCatalogue(Map.of());

    private final Map<String, Offered> byName;

    /** A tool as offered: its definition and where calls of it go. */
    record Offered(ToolDefinition definition, ServerLink link, McpSchema.Tool tool) {

        /** Checks the arguments against the tool's schema, then calls it. */
        ToolResult call(String arguments) {
            Arguments.Checked checked = Arguments.check(arguments, tool.inputSchema());
            if (!checked.ok()) return ToolResult.failed(Outcome.INVALID_ARGUMENTS, checked.problem());
            return link.call(tool.name(), checked.values());
        }
    }

    private ToolCatalogue(Map<String, Offered> byName) {
        this.byName = byName;
    }

    static ToolCatalogue of(List<ServerLink> links) {
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
        return new ToolCatalogue(Collections.unmodifiableMap(named));
    }

    Offered find(String name) {
        return byName.get(name);
    }

    Collection<Offered> all() {
        return byName.values();
    }

    List<String> namesOf(ServerLink link) {
        return byName.values().stream().filter(o -> o.link() == link).map(o -> o.definition().name()).toList();
    }

    private static String schema(McpSchema.Tool tool) {
        if (tool.inputSchema() == null) return ToolDefinition.ANY_OBJECT;
        try {
            return JSON.writeValueAsString(tool.inputSchema());
        } catch (JsonProcessingException e) {
            return ToolDefinition.ANY_OBJECT;
        }
    }
}
