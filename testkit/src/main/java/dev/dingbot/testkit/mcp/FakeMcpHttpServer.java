package dev.dingbot.testkit.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The fake MCP server over Streamable HTTP on loopback: JSON-RPC is POSTed to {@code /mcp}; a request is answered
 * as {@code application/json} (or, when asked for, as a {@code text/event-stream} of one message), a notification
 * or response with 202. {@code initialize} opens a session ({@code Mcp-Session-Id}), which every later message
 * must carry (missing: 400, unknown or ended: 404); DELETE ends it; GET answers 405 (no stream for the server's own
 * messages). {@code crash} stops the server: the call in flight loses its connection and nothing answers any more.
 */
public final class FakeMcpHttpServer implements AutoCloseable {

    static {
        // The JDK server writes a response's headers and body apart; with Nagle's algorithm on, the body waits for
        // the client's delayed ACK (tens of ms on loopback). Real servers send small answers at once.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public static final String SESSION_HEADER = "Mcp-Session-Id";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-mcp-http");
        t.setDaemon(true);
        return t;
    });
    private final FakeMcpProtocol protocol = new FakeMcpProtocol(this::crash);
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;
    private volatile boolean eventStreams;
    private volatile boolean crashed;

    private FakeMcpHttpServer(HttpServer server) {
        this.server = server;
    }

    public static FakeMcpHttpServer start() {
        try {
            var fake = new FakeMcpHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            fake.server.createContext("/mcp", fake::exchange);
            fake.server.setExecutor(fake.threads);
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:port/mcp}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    }

    public FakeMcpProtocol protocol() {
        return protocol;
    }

    /** While false every request is answered 503, as by a server that is down behind its proxy. */
    public void available(boolean value) {
        available = value;
    }

    /** Answers requests as an event stream holding the one response, instead of a JSON body. */
    public void answerWithEventStreams(boolean value) {
        eventStreams = value;
    }

    /** The headers of every request received, in order; their names in any case. */
    public List<Map<String, List<String>>> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    /** Sessions opened and not ended. */
    public Set<String> openSessions() {
        return Set.copyOf(sessions);
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.putAll(exchange.getRequestHeaders());
            requestHeaders.add(Collections.unmodifiableMap(headers));
            if (!available) {
                respond(exchange, 503, null, "");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange);
                case "DELETE" -> {
                    boolean ended = sessions.remove(String.valueOf(exchange.getRequestHeaders().getFirst(SESSION_HEADER)));
                    respond(exchange, ended ? 200 : 404, null, "");
                }
                default -> respond(exchange, 405, null, "");
            }
        }
    }

    private void post(HttpExchange exchange) throws IOException {
        JsonNode message = FakeMcpProtocol.JSON.readTree(exchange.getRequestBody());
        boolean initialize = message.path("method").asText().equals("initialize");
        String session = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
        if (!initialize && session == null) {
            respond(exchange, 400, "application/json", "{\"error\":\"no " + SESSION_HEADER + "\"}");
            return;
        }
        if (!initialize && !sessions.contains(session)) {
            respond(exchange, 404, "application/json", "{\"error\":\"unknown session\"}");
            return;
        }
        Optional<JsonNode> reply = protocol.handle(message);
        if (crashed) return; // closed without an answer
        if (initialize) {
            session = UUID.randomUUID().toString();
            sessions.add(session);
            exchange.getResponseHeaders().add(SESSION_HEADER, session);
        }
        if (reply.isEmpty()) {
            respond(exchange, 202, null, "");
        } else if (eventStreams) {
            respond(exchange, 200, "text/event-stream", "event: message\ndata: " + reply.get() + "\n\n");
        } else {
            respond(exchange, 200, "application/json", reply.get().toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }

    private void crash() {
        crashed = true;
        threads.execute(() -> server.stop(0));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
