package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import dev.dingbot.core.testing.ManualScheduler;
import dev.dingbot.mcp.McpServerStatus.State;
import dev.dingbot.testkit.mcp.FakeMcpStdioServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(90)
class StdioServerTest {

    @TempDir
    Path dir;

    private final ManualScheduler scheduler = new ManualScheduler();
    private McpToolBox box;

    private McpToolBox start(McpServerSettings.Builder server, Duration callTimeout) throws InterruptedException {
        box = McpToolBox.start(McpSettings.builder().server(server.build()).callTimeout(callTimeout).build(),
                scheduler, Clock.systemUTC());
        box.awaitSettled(FakeServers.PATIENCE);
        return box;
    }

    private McpToolBox start() throws InterruptedException {
        return start(FakeServers.stdio("files", dir.resolve("record.jsonl")), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        if (box != null) box.close();
    }

    @Test
    void the_servers_tools_are_offered_under_the_server_name_with_its_input_schema() throws InterruptedException {
        start();

        List<ToolDefinition> tools = box.toolsFor(FakeServers.SOMEONE);

        assertThat(tools).extracting(ToolDefinition::name)
                .containsExactly("files_echo", "files_slow", "files_fail", "files_crash", "files_picture",
                        "files_env", "files_grow");
        ToolDefinition echo = tools.get(0);
        assertThat(echo.server()).isEqualTo("files");
        assertThat(echo.tool()).isEqualTo("echo");
        assertThat(echo.description()).isEqualTo("Returns its text.");
        assertThat(echo.parameters()).contains("\"required\":[\"text\"]").contains("\"type\":\"object\"");
        assertThat(box.status()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("files");
            assertThat(s.state()).isEqualTo(State.RUNNING);
            assertThat(s.tools()).contains("files_echo", "files_grow");
        });
    }

    @Test
    void a_call_reaches_the_server_with_the_tools_own_name_and_its_text_comes_back() throws InterruptedException {
        start();

        ToolResult result = box.call(FakeServers.SOMEONE, FakeServers.echo("files", "你好"));

        assertThat(result).isEqualTo(ToolResult.ok("你好"));
        assertThat(FakeMcpStdioServer.recorded(dir.resolve("record.jsonl")))
                .filteredOn(m -> m.method().equals("tools/call")).singleElement()
                .satisfies(m -> assertThat(m.params().path("name").asText()).isEqualTo("echo"));
    }

    @Test
    void the_server_is_initialised_before_its_tools_are_listed() throws InterruptedException {
        start();

        assertThat(FakeMcpStdioServer.recorded(dir.resolve("record.jsonl"))).extracting(m -> m.method())
                .startsWith("initialize", "notifications/initialized", "tools/list");
    }

    @Test
    void an_error_the_tool_reports_is_a_tool_error_with_its_text() throws InterruptedException {
        start();

        ToolResult result = box.call(FakeServers.SOMEONE, FakeServers.call("files_fail", "{}"));

        assertThat(result).isEqualTo(ToolResult.failed(Outcome.TOOL_ERROR, "it failed as asked"));
    }

    @Test
    void a_tool_slower_than_the_call_timeout_is_a_timeout_and_the_server_keeps_serving() throws InterruptedException {
        start(FakeServers.stdio("files", null), Duration.ofSeconds(3));

        ToolResult slow = box.call(FakeServers.SOMEONE, FakeServers.call("files_slow", "{\"millis\":9000}"));

        assertThat(slow.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(box.call(FakeServers.SOMEONE, FakeServers.echo("files", "still there"))).isEqualTo(ToolResult.ok("still there"));
    }

    @Test
    void a_call_whose_thread_is_interrupted_ends_as_a_timeout_and_keeps_the_interrupt() throws InterruptedException {
        start();
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            sleep(500);
            caller.interrupt();
        });
        interrupter.start();

        ToolResult slow = box.call(FakeServers.SOMEONE, FakeServers.call("files_slow", "{\"millis\":5000}"));

        assertThat(slow.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(Thread.interrupted()).isTrue();
        interrupter.join();
    }

    @Test
    void arguments_of_the_wrong_shape_never_reach_the_server() throws InterruptedException {
        start();

        ToolResult missing = box.call(FakeServers.SOMEONE, FakeServers.call("files_echo", "{\"txt\":\"x\"}"));
        ToolResult array = box.call(FakeServers.SOMEONE, FakeServers.call("files_echo", "[\"x\"]"));

        assertThat(missing).isEqualTo(ToolResult.failed(Outcome.INVALID_ARGUMENTS, "the required field \"text\" is missing"));
        assertThat(array.outcome()).isEqualTo(Outcome.INVALID_ARGUMENTS);
        assertThat(FakeMcpStdioServer.recorded(dir.resolve("record.jsonl"))).noneMatch(m -> m.method().equals("tools/call"));
    }

    @Test
    void a_picture_in_the_result_is_summarised_by_its_type_and_size() throws InterruptedException {
        start();

        ToolResult result = box.call(FakeServers.SOMEONE, FakeServers.call("files_picture", ""));

        assertThat(result).isEqualTo(ToolResult.ok("a dot\n[image/png, 70 bytes]"));
    }

    @Test
    void the_configured_environment_reaches_the_server() throws InterruptedException {
        start(FakeServers.stdio("files", null).env(Map.of("FAKE_TOKEN", "t-123")), Duration.ofSeconds(10));

        ToolResult result = box.call(FakeServers.SOMEONE, FakeServers.call("files_env", "{\"name\":\"FAKE_TOKEN\"}"));

        assertThat(result).isEqualTo(ToolResult.ok("t-123"));
    }

    @Test
    void a_server_that_crashes_during_a_call_makes_it_unavailable_and_is_started_again_on_its_next_use()
            throws InterruptedException {
        start();

        long before = System.nanoTime();
        ToolResult crash = box.call(FakeServers.SOMEONE, FakeServers.call("files_crash", "{}"));

        assertThat(crash.outcome()).isEqualTo(Outcome.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(8));
        assertThat(box.status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(State.FAILED));
        assertThat(box.toolsFor(FakeServers.SOMEONE)).isEmpty();
        assertThat(box.call(FakeServers.SOMEONE, FakeServers.echo("files", "back"))).isEqualTo(ToolResult.ok("back"));
        assertThat(box.status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(State.RUNNING));
    }

    @Test
    void a_killed_server_is_started_again_on_its_next_use() throws InterruptedException {
        start();
        ProcessHandle child = FakeServers.fakeChildren().get(0);

        child.destroyForcibly();
        child.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        awaitState(State.FAILED);

        assertThat(box.call(FakeServers.SOMEONE, FakeServers.echo("files", "again"))).isEqualTo(ToolResult.ok("again"));
        assertThat(FakeServers.fakeChildren()).singleElement().isNotEqualTo(child);
    }

    @Test
    void a_killed_server_is_started_again_by_the_retry_on_the_scheduler() throws InterruptedException {
        start();
        FakeServers.fakeChildren().get(0).destroyForcibly();
        awaitState(State.FAILED);

        scheduler.advance(Duration.ofSeconds(1));
        box.awaitSettled(FakeServers.PATIENCE);

        assertThat(box.status()).singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(State.RUNNING));
        assertThat(box.toolsFor(FakeServers.SOMEONE)).isNotEmpty();
    }

    @Test
    void a_tools_list_changed_notification_refreshes_the_offered_tools() throws InterruptedException {
        start();

        assertThat(box.call(FakeServers.SOMEONE, FakeServers.call("files_grow", "{}")).isOk()).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (box.toolsFor(FakeServers.SOMEONE).stream().noneMatch(t -> t.name().equals("files_extra"))
                && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertThat(box.toolsFor(FakeServers.SOMEONE)).extracting(ToolDefinition::name).contains("files_extra");
        assertThat(box.call(FakeServers.SOMEONE, FakeServers.call("files_extra", "{\"text\":\"new\"}")))
                .isEqualTo(ToolResult.ok("new"));
    }

    @Test
    void a_command_that_cannot_start_fails_with_its_reason_and_is_retried_with_backoff() throws InterruptedException {
        start(McpServerSettings.stdio("missing", dir.resolve("no-such-program").toString()), Duration.ofSeconds(5));

        assertThat(box.status()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(s.reason()).contains("no-such-program");
        });
        assertThat(scheduler.queued()).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(1));
        box.awaitSettled(FakeServers.PATIENCE);
        scheduler.advance(Duration.ofMillis(1999));
        box.awaitSettled(FakeServers.PATIENCE);
        assertThat(scheduler.queued()).as("the third try waits 2 s, not 1 s").isEqualTo(1);
        scheduler.advance(Duration.ofMillis(1));
        box.awaitSettled(FakeServers.PATIENCE);
        assertThat(scheduler.queued()).isEqualTo(1);
    }

    @Test
    void close_stops_the_child_process() throws InterruptedException {
        start();
        List<ProcessHandle> children = FakeServers.fakeChildren();
        assertThat(children).hasSize(1);

        box.close();

        children.get(0).onExit().orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(FakeServers.fakeChildren()).isEmpty();
        assertThat(scheduler.queued()).isZero();
    }

    private void awaitState(State state) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (box.status().get(0).state() != state && System.nanoTime() < deadline) sleep(20);
        assertThat(box.status().get(0).state()).isEqualTo(state);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
