package dev.dingbot.mcp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The SDK's client for one server's settings: its transport, the timeouts, the tool-list listener. */
final class SdkClients {

    private static final Logger log = LoggerFactory.getLogger(SdkClients.class);
    private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false));
    private static final McpSchema.Implementation CLIENT = McpSchema.Implementation.builder("dingbot", "1").build();

    /** A client not initialised yet; {@code process} is its stdio transport (null over HTTP), to watch it exit. */
    record Opened(McpSyncClient client, StdioClientTransport process) {
    }

    private SdkClients() {
    }

    static Opened open(McpServerSettings server, Duration timeout, Consumer<List<McpSchema.Tool>> toolsChanged) {
        if (server.isStdio()) unstartable(server.command()).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        StdioClientTransport process = server.isStdio() ? stdio(server) : null;
        McpClientTransport transport = process != null ? process : http(server, timeout);
        McpSyncClient client = McpClient.sync(transport)
                .clientInfo(CLIENT)
                .requestTimeout(timeout)
                .initializationTimeout(timeout)
                .toolsChangeConsumer(toolsChanged)
                .build();
        return new Opened(client, process);
    }

    /**
     * Why {@code command} cannot be started, checked beforehand: the SDK only logs a failed start, and the
     * initialisation then waits for its timeout. Empty when it can be (or when only trying will tell).
     */
    static Optional<String> unstartable(String command) {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command)) ? Optional.empty() : Optional.of("cannot run " + command);
        }
        String path = Objects.requireNonNullElse(System.getenv("PATH"), "");
        boolean found = Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)) || Files.isExecutable(Path.of(dir, command + ".exe")));
        return found ? Optional.empty() : Optional.of("no program " + command + " on the PATH");
    }

    private static StdioClientTransport stdio(McpServerSettings server) {
        ServerParameters parameters = ServerParameters.builder(server.command())
                .args(server.args()).env(server.env()).build();
        var transport = new StdioClientTransport(parameters, JSON);
        // A server's standard error is its own log: kept at debug, as it may print what it was configured with.
        transport.setStdErrorHandler(line -> log.debug("MCP server {}: {}", server.name(), line));
        return transport;
    }

    private static McpClientTransport http(McpServerSettings server, Duration timeout) {
        URI url = server.url();
        String base = url.getScheme() + "://" + url.getRawAuthority();
        String endpoint = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return HttpClientStreamableHttpTransport.builder(base)
                .endpoint(endpoint)
                .connectTimeout(timeout)
                .jsonMapper(JSON)
                .addHttpRequestCustomizer((request, method, uri, body, context) -> server.headers().forEach(request::setHeader))
                .build();
    }

    /** Where a server is, for logs: the command, or the URL without user info and query (they may hold keys). */
    static String where(McpServerSettings server) {
        if (server.isStdio()) return "command " + server.command();
        URI url = server.url();
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getPath() == null ? "" : url.getPath());
    }
}
