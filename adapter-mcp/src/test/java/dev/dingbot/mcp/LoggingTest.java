package dev.dingbot.mcp;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.dingbot.core.testing.ManualScheduler;
import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class LoggingTest {

    private static final String ENV_SECRET = "env-s3cr3t-4711";
    private static final String HEADER_SECRET = "Bearer hdr-s3cr3t-0815";

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final FakeMcpHttpServer server = FakeMcpHttpServer.start();
    private final ManualScheduler scheduler = new ManualScheduler();
    private Level rootLevel;

    @BeforeEach
    void capture() {
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void release() {
        root.detachAppender(events);
        root.setLevel(rootLevel);
        server.close();
    }

    private List<String> lines() {
        return events.list.stream().map(e -> e.getLoggerName() + " " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
    }

    /** At debug, where the SDK logs every message (a tool's output is the tool's business, not a setting). */
    @Test
    void neither_env_values_nor_header_values_reach_the_log_whatever_happens() throws InterruptedException {
        McpServerSettings stdio = FakeServers.stdio("local", null).env(Map.of("TOKEN", ENV_SECRET)).build();
        McpServerSettings web = FakeServers.http("web", server).headers(Map.of("Authorization", HEADER_SECRET)).build();
        McpServerSettings missing = McpServerSettings.stdio("missing", "no-such-program-anywhere")
                .env(Map.of("TOKEN", ENV_SECRET)).build();
        McpServerSettings closed = McpServerSettings.http("closed", URI.create("http://127.0.0.1:9/mcp"))
                .headers(Map.of("Authorization", HEADER_SECRET)).build();
        try (McpToolBox box = McpToolBox.start(McpSettings.builder().servers(List.of(stdio, web, missing, closed))
                .callTimeout(Duration.ofSeconds(10)).build(), scheduler, Clock.systemUTC())) {
            box.awaitSettled(FakeServers.PATIENCE);
            box.call(FakeServers.SOMEONE, FakeServers.echo("local", "hi"));
            box.call(FakeServers.SOMEONE, FakeServers.call("local_fail", "{}"));
            box.call(FakeServers.SOMEONE, FakeServers.call("web_crash", "{}"));
            box.call(FakeServers.SOMEONE, FakeServers.call("local_crash", "{}"));
            scheduler.advance(Duration.ofSeconds(2));
            box.awaitSettled(FakeServers.PATIENCE);
            assertThat(box.status().toString()).doesNotContain(ENV_SECRET, HEADER_SECRET);
        }

        assertThat(lines()).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(ENV_SECRET, HEADER_SECRET));
        assertThat(List.of(stdio, web, missing, closed).toString()).doesNotContain(ENV_SECRET, HEADER_SECRET)
                .contains("TOKEN", "Authorization");
    }

    @Test
    void a_server_failing_the_same_way_again_and_again_is_logged_once_in_one_line() throws InterruptedException {
        server.available(false);
        try (McpToolBox box = McpToolBox.start(McpSettings.builder().server(FakeServers.http("down", server).build())
                .build(), scheduler, Clock.systemUTC())) {
            box.awaitSettled(FakeServers.PATIENCE);
            for (int i = 0; i < 3; i++) {
                scheduler.advance(Duration.ofSeconds(8));
                box.awaitSettled(FakeServers.PATIENCE);
            }
            assertThat(server.requestHeaders()).as("tried four times").hasSizeGreaterThanOrEqualTo(4);
            server.available(true);
            scheduler.advance(Duration.ofSeconds(60));
            box.awaitSettled(FakeServers.PATIENCE);
        }

        List<ILoggingEvent> ours = events.list.stream().filter(e -> e.getLoggerName().startsWith("dev.dingbot.mcp"))
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
        assertThat(ours).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                starting -> assertThat(starting).startsWith("MCP server down starting"),
                failed -> assertThat(failed).startsWith("MCP server down failed: ").contains("503").doesNotContain("\n"),
                running -> assertThat(running).startsWith("MCP server down is running with 7 tools"));
        assertThat(ours).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
    }
}
