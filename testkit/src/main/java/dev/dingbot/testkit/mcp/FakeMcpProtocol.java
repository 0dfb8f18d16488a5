package dev.dingbot.testkit.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The server side of MCP over JSON-RPC 2.0, written from the specification without an MCP library, so that a real
 * client is tested against the wire. Both transports hand it one message at a time and send what it returns.
 *
 * <p>Tools: {@code echo} (returns its {@code text}), {@code slow} (sleeps {@code millis}, then answers),
 * {@code fail} (an {@code isError} result), {@code crash} (the transport dies: {@link #onCrash}), {@code picture}
 * (a text and a PNG), {@code env} (the value of the environment variable {@code name}), {@code grow} (adds the
 * tool {@code extra} and announces {@code notifications/tools/list_changed}).
 */
public final class FakeMcpProtocol {

    /** The revisions this server speaks, newest first. */
    public static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] TINY_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg==");

    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<JsonNode>> notificationSinks = new CopyOnWriteArrayList<>();
    private final Runnable onCrash;
    private volatile boolean grown;

    /** @param onCrash what {@code crash} does to the transport (exit the process, drop the connection) */
    public FakeMcpProtocol(Runnable onCrash) {
        this.onCrash = onCrash;
    }

    /** One message the server got: a request or notification by method, or a response to its own request. */
    public record ReceivedMessage(String method, JsonNode params) {
    }

    public List<ReceivedMessage> received() {
        return List.copyOf(received);
    }

    /** The {@code tools/call}s received, as tool names. */
    public List<String> toolsCalled() {
        return received.stream().filter(m -> m.method().equals("tools/call"))
                .map(m -> m.params().path("name").asText()).toList();
    }

    /** Where server-initiated notifications go (stdout, an open event stream). */
    void sendNotificationsTo(Consumer<JsonNode> sink) {
        notificationSinks.add(sink);
    }

    void stopSendingNotificationsTo(Consumer<JsonNode> sink) {
        notificationSinks.remove(sink);
    }

    /** Adds the tool {@code extra} and tells the client that the list changed. */
    public void grow() {
        grown = true;
        ObjectNode note = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/tools/list_changed");
        notificationSinks.forEach(sink -> sink.accept(note));
    }

    /** The answer to {@code message}; empty for notifications and responses. */
    public Optional<JsonNode> handle(JsonNode message) {
        String method = message.path("method").asText("");
        received.add(new ReceivedMessage(method, message.path("params")));
        if (method.isEmpty() || !message.has("id")) return Optional.empty();
        JsonNode id = message.get("id");
        JsonNode params = message.path("params");
        return Optional.of(switch (method) {
            case "initialize" -> result(id, initialize(params));
            case "ping" -> result(id, JSON.createObjectNode());
            case "tools/list" -> result(id, JSON.createObjectNode().set("tools", tools()));
            case "tools/call" -> call(id, params);
            default -> error(id, -32601, "Method not found: " + method);
        });
    }

    private ObjectNode initialize(JsonNode params) {
        String asked = params.path("protocolVersion").asText("");
        ObjectNode result = JSON.createObjectNode()
                .put("protocolVersion", PROTOCOL_VERSIONS.contains(asked) ? asked : PROTOCOL_VERSIONS.get(0));
        result.putObject("capabilities").putObject("tools").put("listChanged", true);
        result.putObject("serverInfo").put("name", "fake-mcp").put("version", "1.0.0");
        return result;
    }

    private ArrayNode tools() {
        ArrayNode tools = JSON.createArrayNode();
        tools.add(tool("echo", "Returns its text.", "text", "string"));
        tools.add(tool("slow", "Sleeps for millis, then answers.", "millis", "integer"));
        tools.add(tool("fail", "Always reports an error.", null, null));
        tools.add(tool("crash", "Takes its server down.", null, null));
        tools.add(tool("picture", "A caption and a tiny picture.", null, null));
        tools.add(tool("env", "The value of an environment variable of the server.", "name", "string"));
        tools.add(tool("grow", "Adds the tool extra.", null, null));
        if (grown) tools.add(tool("extra", "Returns its text, too.", "text", "string"));
        return tools;
    }

    private static ObjectNode tool(String name, String description, String required, String type) {
        ObjectNode tool = JSON.createObjectNode().put("name", name).put("description", description);
        ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        if (required != null) {
            properties.putObject(required).put("type", type);
            schema.putArray("required").add(required);
        }
        return tool;
    }

    private JsonNode call(JsonNode id, JsonNode params) {
        JsonNode arguments = params.path("arguments");
        return switch (params.path("name").asText("")) {
            case "echo", "extra" -> result(id, content(false, text(arguments.path("text").asText())));
            case "slow" -> {
                sleep(arguments.path("millis").asLong());
                yield result(id, content(false, text("slept " + arguments.path("millis").asLong() + " ms")));
            }
            case "fail" -> result(id, content(true, text("it failed as asked")));
            case "crash" -> {
                onCrash.run();
                yield result(id, content(false, text("still here")));
            }
            case "picture" -> result(id, content(false, text("a dot"), JSON.createObjectNode().put("type", "image")
                    .put("data", Base64.getEncoder().encodeToString(TINY_PNG)).put("mimeType", "image/png")));
            case "env" -> result(id, content(false,
                    text(String.valueOf(System.getenv(arguments.path("name").asText())))));
            case "grow" -> {
                grow();
                yield result(id, content(false, text("grown")));
            }
            default -> error(id, -32602, "Unknown tool: " + params.path("name").asText());
        };
    }

    private static ObjectNode text(String text) {
        return JSON.createObjectNode().put("type", "text").put("text", text);
    }

    private static ObjectNode content(boolean isError, ObjectNode... items) {
        ObjectNode result = JSON.createObjectNode();
        ArrayNode content = result.putArray("content");
        new ArrayList<>(List.of(items)).forEach(content::add);
        return result.put("isError", isError);
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode response = JSON.createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.putObject("error").put("code", code).put("message", message);
        return response;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
