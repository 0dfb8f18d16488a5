package dev.dingbot.mcp;

import dev.dingbot.core.contract.ToolBoxContract;
import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.port.ToolBox;
import dev.dingbot.core.testing.ManualScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.time.Clock;

/** The port's contract for a tool box over one fake server named {@code local}, however it is reached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
abstract class FakeServerToolBoxContract extends ToolBoxContract {

    private McpToolBox box;

    /** The fake server, started, as the tool box's settings name it. */
    abstract McpServerSettings.Builder server();

    @BeforeAll
    void startTheServer() throws InterruptedException {
        box = McpToolBox.start(McpSettings.builder().server(server().build()).build(), new ManualScheduler(),
                Clock.systemUTC());
        box.awaitSettled(FakeServers.PATIENCE);
    }

    @AfterAll
    void stopTheToolBox() {
        box.close();
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
