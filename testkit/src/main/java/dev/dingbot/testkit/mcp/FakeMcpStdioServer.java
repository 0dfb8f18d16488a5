package dev.dingbot.testkit.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The fake MCP server over stdio: a child process reading newline-delimited JSON-RPC from standard input and
 * writing its answers to standard output. It ends when its input ends (the client went away) or on {@code crash}.
 * With {@code --record FILE} every message it receives is appended to FILE as a line of JSON, for assertions.
 */
public final class FakeMcpStdioServer {

    private FakeMcpStdioServer() {
    }

    /** How to start it: a command and its arguments. */
    public record CommandLine(String command, List<String> args) {
    }

    /**
     * Marks the fake servers' processes, first on their command line: Linux tells a process's arguments only
     * within its first 4 KiB, which a long class path passes.
     */
    public static final String MARK = "-Ddingbot.fake=mcp-stdio";

    /** This JVM's {@code java} with this class's class path, running the server; recording to {@code record}. */
    public static CommandLine commandLine(Path record) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> args = new ArrayList<>(List.of(MARK, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", classPath(), FakeMcpStdioServer.class.getName()));
        if (record != null) args.addAll(List.of("--record", record.toString()));
        return new CommandLine(java, List.copyOf(args));
    }

    /**
     * The JVM's class path, or where a launcher loads this class from URLs of its own (Maven's {@code exec:java},
     * whose JVM's class path is Maven's), those URLs.
     */
    private static String classPath() {
        if (!(FakeMcpStdioServer.class.getClassLoader() instanceof URLClassLoader loader)) {
            return System.getProperty("java.class.path");
        }
        List<String> entries = new ArrayList<>();
        for (URL url : loader.getURLs()) {
            try {
                entries.add(Path.of(url.toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException notAFile) {
                // a URL that is no file cannot be on a java command line
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** What a server started with {@code --record record} received so far. */
    public static List<FakeMcpProtocol.ReceivedMessage> recorded(Path record) {
        try {
            if (!Files.exists(record)) return List.of();
            List<FakeMcpProtocol.ReceivedMessage> messages = new ArrayList<>();
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                JsonNode node = FakeMcpProtocol.JSON.readTree(line);
                messages.add(new FakeMcpProtocol.ReceivedMessage(node.path("method").asText(), node.path("params")));
            }
            return messages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws IOException {
        Path record = args.length == 2 && args[0].equals("--record") ? Path.of(args[1]) : null;
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        FakeMcpProtocol protocol = new FakeMcpProtocol(() -> Runtime.getRuntime().halt(3));
        protocol.sendNotificationsTo(message -> write(out, message));
        var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) continue;
            JsonNode message = FakeMcpProtocol.JSON.readTree(line);
            if (record != null) append(record, message);
            // One thread per message, so that a slow tool does not hold up the others.
            Thread answer = new Thread(() -> protocol.handle(message).ifPresent(reply -> write(out, reply)));
            answer.start();
        }
        Runtime.getRuntime().halt(0);
    }

    private static synchronized void append(Path record, JsonNode message) throws IOException {
        String line = FakeMcpProtocol.JSON.createObjectNode().put("method", message.path("method").asText())
                .set("params", message.has("params") ? message.get("params") : NullNode.getInstance()).toString() + "\n";
        Files.writeString(record, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void write(PrintStream out, JsonNode message) {
        synchronized (out) {
            out.print(message.toString());
            out.print('\n');
            out.flush();
        }
    }
}
