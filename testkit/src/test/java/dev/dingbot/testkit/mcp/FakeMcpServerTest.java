package dev.dingbot.testkit.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake MCP server speaks the wire as the specification says, over HTTP and over stdio. */
@Timeout(60)
class FakeMcpServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"%s\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
    private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}";

    private final FakeMcpHttpServer server = FakeMcpHttpServer.start();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String body, String session) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) request.header(FakeMcpHttpServer.SESSION_HEADER, session);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void initialize_answers_the_version_asked_for_when_it_speaks_it_and_its_newest_otherwise() throws Exception {
        JsonNode known = JSON.readTree(post(INITIALIZE.formatted("2025-03-26"), null).body());
        JsonNode unknown = JSON.readTree(post(INITIALIZE.formatted("1999-01-01"), null).body());

        assertThat(known.path("result").path("protocolVersion").asText()).isEqualTo("2025-03-26");
        assertThat(unknown.path("result").path("protocolVersion").asText())
                .isEqualTo(FakeMcpProtocol.PROTOCOL_VERSIONS.get(0));
        assertThat(known.path("result").path("capabilities").path("tools").path("listChanged").asBoolean()).isTrue();
    }

    @Test
    void a_session_opened_by_initialize_is_needed_for_everything_else_until_it_is_deleted() throws Exception {
        HttpResponse<String> opened = post(INITIALIZE.formatted("2025-06-18"), null);
        String session = opened.headers().firstValue(FakeMcpHttpServer.SESSION_HEADER).orElseThrow();

        assertThat(post(LIST, null).statusCode()).isEqualTo(400);
        assertThat(post(LIST, "no-such-session").statusCode()).isEqualTo(404);
        assertThat(post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", session).statusCode())
                .isEqualTo(202);
        HttpResponse<String> listed = post(LIST, session);
        assertThat(listed.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(listed.body()).path("result").path("tools").findValuesAsText("name"))
                .contains("echo", "slow", "fail", "crash");

        var get = http.send(HttpRequest.newBuilder(server.url()).header(FakeMcpHttpServer.SESSION_HEADER, session)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        var delete = http.send(HttpRequest.newBuilder(server.url()).header(FakeMcpHttpServer.SESSION_HEADER, session)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(delete.statusCode()).isEqualTo(200);
        assertThat(post(LIST, session).statusCode()).isEqualTo(404);
        assertThat(server.protocol().received()).extracting(FakeMcpProtocol.ReceivedMessage::method)
                .containsExactly("initialize", "notifications/initialized", "tools/list");
    }

    @Test
    void answers_come_as_an_event_stream_when_asked_to() throws Exception {
        server.answerWithEventStreams(true);

        HttpResponse<String> opened = post(INITIALIZE.formatted("2025-06-18"), null);

        assertThat(opened.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        assertThat(opened.body()).startsWith("event: message\ndata: {").endsWith("}\n\n");
    }

    @Test
    void an_unknown_tool_is_a_json_rpc_error_and_fail_an_is_error_result() throws Exception {
        String session = post(INITIALIZE.formatted("2025-06-18"), null).headers()
                .firstValue(FakeMcpHttpServer.SESSION_HEADER).orElseThrow();

        JsonNode unknown = JSON.readTree(post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"nope\",\"arguments\":{}}}", session).body());
        JsonNode fail = JSON.readTree(post("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"fail\",\"arguments\":{}}}", session).body());

        assertThat(unknown.path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(fail.path("result").path("isError").asBoolean()).isTrue();
        assertThat(server.protocol().toolsCalled()).containsExactly("nope", "fail");
    }

    @Test
    void the_stdio_server_answers_line_by_line_records_what_it_got_and_ends_with_its_input() throws Exception {
        Path record = dir.resolve("record.jsonl");
        FakeMcpStdioServer.CommandLine line = FakeMcpStdioServer.commandLine(record);
        List<String> command = new ArrayList<>(List.of(line.command()));
        command.addAll(line.args());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            OutputStream in = process.getOutputStream();
            var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in.write((INITIALIZE.formatted("2025-06-18") + "\n" + LIST + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
            List<JsonNode> answers = List.of(JSON.readTree(out.readLine()), JSON.readTree(out.readLine()));

            assertThat(answers).extracting(a -> a.path("id").asInt()).containsExactlyInAnyOrder(1, 2);
            in.close();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(FakeMcpStdioServer.recorded(record)).extracting(FakeMcpProtocol.ReceivedMessage::method)
                    .containsExactly("initialize", "tools/list");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void the_command_line_runs_this_jvms_java_with_its_class_path() {
        FakeMcpStdioServer.CommandLine line = FakeMcpStdioServer.commandLine(null);

        assertThat(Path.of(line.command())).startsWith(Path.of(System.getProperty("java.home")));
        assertThat(line.args()).contains(System.getProperty("java.class.path"), FakeMcpStdioServer.class.getName())
                .doesNotContain("--record");
        assertThat(URI.create(server.url().toString()).getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void loaded_by_a_launchers_class_loader_of_its_own_the_server_runs_with_that_loaders_class_path() throws Exception {
        List<Path> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) urls[i] = entries.get(i).toUri().toURL();
        // what Maven's exec:java does: the JVM's class path is Maven's, the program's classes come from URLs
        try (URLClassLoader launcher = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> loaded = launcher.loadClass(FakeMcpStdioServer.class.getName());
            assertThat(loaded).isNotSameAs(FakeMcpStdioServer.class);
            Object line = loaded.getMethod("commandLine", Path.class).invoke(null, (Object) null);
            List<String> args = (List<String>) line.getClass().getMethod("args").invoke(line);

            String classPath = args.get(args.indexOf("-cp") + 1);
            assertThat(Arrays.stream(classPath.split(File.pathSeparator)).map(Path::of))
                    .containsExactlyElementsOf(entries.stream().map(Path::toAbsolutePath).toList());
        }
    }
}
