package dev.dingbot.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import dev.dingbot.core.port.ToolBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in tools chosen by name, on the same lookups as the commands: a failure carries the command's
 * message, and the guard refuses the same addresses. Offered to everybody alike.
 */
final class LookupTools implements ToolBox {

    private static final Logger log = LoggerFactory.getLogger(LookupTools.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final NetworkDomainLookup lookup;
    private final Map<String, BuiltInTool> offered = new LinkedHashMap<>();
    private final Clock clock;

    LookupTools(NetworkDomainLookup lookup, List<BuiltInTool> offered, Clock clock) {
        this.lookup = lookup;
        offered.forEach(tool -> this.offered.put(tool.definition().name(), tool));
        this.clock = clock;
    }

    @Override
    public List<ToolDefinition> toolsFor(ToolAsker asker) {
        return offered.values().stream().map(BuiltInTool::definition).toList();
    }

    @Override
    public ToolResult call(ToolAsker asker, ToolCall call) {
        BuiltInTool tool = offered.get(call.name());
        if (tool == null) {
            return ToolResult.failed(Outcome.UNKNOWN_TOOL, "no tool is named " + call.name() + "; the tools are "
                    + String.join(", ", offered.keySet()));
        }
        try {
            return run(tool, call.arguments());
        } catch (RuntimeException e) {
            log.warn("tool {} failed unexpectedly", call.name(), e);
            return ToolResult.failed(Outcome.TOOL_ERROR, "the lookup failed unexpectedly");
        }
    }

    private ToolResult run(BuiltInTool tool, String arguments) {
        JsonNode args;
        try {
            args = JSON.readTree(arguments);
        } catch (JsonProcessingException e) {
            return invalid("the arguments are not valid JSON: " + e.getOriginalMessage());
        }
        if (args == null || !args.isObject()) return invalid("the arguments must be a JSON object");
        JsonNode domain = args.get(BuiltInTool.DOMAIN);
        if (domain == null || domain.isNull()) {
            return invalid("the required field \"" + BuiltInTool.DOMAIN + "\" is missing");
        }
        if (!domain.isTextual()) return invalid("the field \"" + BuiltInTool.DOMAIN + "\" must be a string");
        try {
            return ToolResult.ok(tool.answer(lookup, domain.asText().strip(), clock.instant()));
        } catch (FailedLookup e) {
            return ToolResult.failed(outcome(e.kind()), e.getMessage());
        }
    }

    private static Outcome outcome(FailedLookup.Kind kind) {
        return switch (kind) {
            case NOT_A_DOMAIN -> Outcome.INVALID_ARGUMENTS;
            case REFUSED_ADDRESS, NO_FACTS -> Outcome.TOOL_ERROR;
            case UNREACHABLE -> Outcome.UNAVAILABLE;
        };
    }

    private static ToolResult invalid(String why) {
        return ToolResult.failed(Outcome.INVALID_ARGUMENTS, why + ", e.g. {\"" + BuiltInTool.DOMAIN
                + "\": \"example.com\"}");
    }
}
