package dev.dingbot.mcp;

import dev.dingbot.core.contract.ToolBoxContract;
import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.core.testing.ManualScheduler;
import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;

/** The tool box over a Streamable HTTP server keeps the port's promises. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class HttpToolBoxContractTest extends ToolBoxContract {

    private final FakeMcpHttpServer server = FakeMcpHttpServer.start();
    private McpToolBox box;

    @BeforeAll
    void startTheServer() throws InterruptedException {
        box = McpToolBox.start(McpSettings.builder().server(FakeServers.http("local", server).build()).build(),
                new ManualScheduler(), Clock.systemUTC());
        box.awaitSettled(FakeServers.PATIENCE);
    }

    @AfterAll
    void stopTheServer() {
        box.close();
        server.close();
    }

    @Override
    protected ToolBox toolBox() {
        return box;
    }

    @Override
    protected ToolAsker asker() {
        return FakeServers.SOMEONE;
    }

    @Override
    protected ToolCall aCallThatWorks() {
        return FakeServers.echo("local", "hi");
    }

    @Override
    protected ToolCall aCallMissingARequiredField() {
        return FakeServers.call("local_echo", "{}");
    }
}
