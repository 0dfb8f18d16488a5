package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/** What an MCP call came to, as a {@link ToolResult}: its content as text, or the failure classified. */
final class CallResults {

    private CallResults() {
    }

    /** Text items joined by line breaks; other content summarised (its type and size). */
    static ToolResult of(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        for (McpSchema.Content item : Objects.requireNonNullElse(result.content(), List.<McpSchema.Content>of())) {
            parts.add(describe(item));
        }
        if (parts.isEmpty() && result.structuredContent() != null) parts.add(String.valueOf(result.structuredContent()));
        String text = String.join("\n", parts);
        if (Boolean.TRUE.equals(result.isError())) {
            return ToolResult.failed(Outcome.TOOL_ERROR, text.isEmpty() ? "the tool reported an error" : text);
        }
        return ToolResult.ok(text);
    }

    private static String describe(McpSchema.Content item) {
        if (item instanceof McpSchema.TextContent text) return text.text();
        if (item instanceof McpSchema.ImageContent image) return binary(image.mimeType(), image.data());
        if (item instanceof McpSchema.AudioContent audio) return binary(audio.mimeType(), audio.data());
        if (item instanceof McpSchema.ResourceLink link) return "[" + link.mimeType() + ", " + link.uri() + "]";
        if (item instanceof McpSchema.EmbeddedResource embedded) {
            if (embedded.resource() instanceof McpSchema.TextResourceContents text) return text.text();
            if (embedded.resource() instanceof McpSchema.BlobResourceContents blob) {
                return binary(blob.mimeType(), blob.blob());
            }
        }
        return "[" + item.type() + "]";
    }

    private static String binary(String mimeType, String base64) {
        return "[" + mimeType + ", " + decodedLength(base64) + " bytes]";
    }

    private static long decodedLength(String base64) {
        if (base64 == null) return 0;
        String data = base64.strip();
        int padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
        return data.length() * 3L / 4 - padding;
    }

    /** Whether a failure says the server itself is gone (rather than slow, or refusing this one call). */
    static boolean serverLost(Throwable failure) {
        return outcome(failure) == Outcome.UNAVAILABLE;
    }

    /** Whether the calling thread was interrupted while it waited (the SDK wraps the interrupt). */
    static boolean interrupted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) return true;
        }
        return false;
    }

    static ToolResult failure(Throwable failure, Duration timeout) {
        Outcome outcome = outcome(failure);
        String why = switch (outcome) {
            case TIMEOUT -> "no answer within " + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s"
                    : timeout.toMillis() + " ms");
            case TOOL_ERROR -> "the server refused the call: " + rpcError(failure);
            default -> "the server is not reachable: " + reason(failure);
        };
        return ToolResult.failed(outcome, why);
    }

    private static Outcome outcome(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof InterruptedException) return Outcome.TIMEOUT;
            if (t instanceof McpError error && error.getJsonRpcError() != null) return Outcome.TOOL_ERROR;
        }
        return Outcome.UNAVAILABLE;
    }

    private static String rpcError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof McpError error && error.getJsonRpcError() != null) return error.getJsonRpcError().message();
        }
        return reason(failure);
    }

    /** One line: the innermost message, with the outer one where it says more. */
    static String reason(Throwable failure) {
        if (outcome(failure) == Outcome.TIMEOUT) return "no answer within the call timeout";
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root instanceof ConnectException || root instanceof ClosedChannelException) {
            return "cannot connect: nothing answers at that address, or it closed the connection";
        }
        if (root instanceof UnknownHostException) return "unknown host " + root.getMessage();
        String inner = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String outer = failure.getMessage();
        String line = outer == null || outer.contains(inner) || root == failure ? inner : outer + ": " + inner;
        return line.replaceAll("\\s+", " ").strip();
    }
}
