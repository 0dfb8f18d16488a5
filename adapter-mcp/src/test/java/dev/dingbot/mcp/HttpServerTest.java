package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import dev.dingbot.core.testing.ManualScheduler;
import dev.dingbot.mcp.McpServerStatus.State;
import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class HttpServerTest {

    private final FakeMcpHttpServer server = FakeMcpHttpServer.start();
    private final ManualScheduler scheduler = new ManualScheduler();
    private McpToolBox box;

    private void start(McpServerSettings.Builder settings) throws InterruptedException {
        box = McpToolBox.start(McpSettings.builder().server(settings.build()).callTimeout(Duration.ofSeconds(5)).build(),
                scheduler, Clock.systemUTC());
        box.awaitSettled(FakeServers.PATIENCE);
    }

    @AfterEach
    void stop() {
        if (box != null) box.close();
        server.close();
    }

    @Test
    void every_request_carries_the_configured_headers_and_the_session_the_server_opened() throws InterruptedException {
        start(FakeServers.http("web", server).headers(Map.of("Authorization", "Bearer k-1")));

        assertThat(box.call(FakeServers.SOMEONE, FakeServers.echo("web", "hi"))).isEqualTo(ToolResult.ok("hi"));

        List<Map<String, List<String>>> headers = server.requestHeaders().stream()
                .filter(h -> h.containsKey("Content-Type")).toList();
        assertThat(headers).isNotEmpty().allSatisfy(h -> assertThat(h.get("Authorization")).containsExactly("Bearer k-1"));
        assertThat(headers.subList(1, headers.size()))
                .allSatisfy(h -> assertThat(h).containsKey(FakeMcpHttpServer.SESSION_HEADER));
        assertThat(server.protocol().toolsCalled()).containsExactly("echo");
    }

    @Test
    void answers_sent_as_an_event_stream_are_read_too() throws InterruptedException {
        server.answerWithEventStreams(true);
        start(FakeServers.http("web", server));

        assertThat(box.toolsFor(FakeServers.SOMEONE)).extracting(ToolDefinition::name).contains("web_echo");
        assertThat(box.call(FakeServers.SOMEONE, FakeServers.echo("web", "streamed"))).isEqualTo(ToolResult.ok("streamed"));
    }

    @Test
    void a_server_that_drops_the_connection_during_a_call_makes_it_unavailable() throws InterruptedException {
        start(FakeServers.http("web", server));

        ToolResult crash = box.call(FakeServers.SOMEONE, FakeServers.call("web_crash", "{}"));

        assertThat(crash.outcome()).as(crash.text()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(box.status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(State.FAILED));
        assertThat(box.toolsFor(FakeServers.SOMEONE)).isEmpty();
    }

    @Test
    void a_server_that_fails_at_start_is_retried_on_the_scheduler_and_then_offers_its_tools() throws InterruptedException {
        server.available(false);
        start(FakeServers.http("web", server));

        assertThat(box.status()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(s.reason()).isNotBlank();
            assertThat(s.tools()).isEmpty();
        });
        assertThat(box.toolsFor(FakeServers.SOMEONE)).isEmpty();

        server.available(true);
        scheduler.advance(Duration.ofMillis(999));
        box.awaitSettled(FakeServers.PATIENCE);
        assertThat(box.status().get(0).state()).as("not before the first second").isEqualTo(State.FAILED);
        scheduler.advance(Duration.ofMillis(1));
        box.awaitSettled(FakeServers.PATIENCE);

        assertThat(box.status()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(State.RUNNING);
            assertThat(s.reason()).isEmpty();
        });
        assertThat(box.toolsFor(FakeServers.SOMEONE)).extracting(ToolDefinition::name).contains("web_echo");
        assertThat(scheduler.queued()).isZero();
    }

    @Test
    void a_url_where_nothing_listens_fails_with_a_reason_in_plain_words() throws Exception {
        URI nowhere;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + taken.getLocalPort() + "/mcp");
        }
        start(McpServerSettings.http("web", nowhere));

        assertThat(box.status()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(s.reason()).isEqualTo("cannot connect: nothing answers at that address, or it closed the connection");
        });
    }

    @Test
    void close_ends_the_session_at_the_server() throws InterruptedException {
        start(FakeServers.http("web", server));
        assertThat(server.openSessions()).hasSize(1);

        box.close();

        assertThat(server.openSessions()).isEmpty();
    }
}
