package dev.dingbot.mcp;

/** The tool box over a stdio server keeps the port's promises. */
class StdioToolBoxContractTest extends FakeServerToolBoxContract {

    @Override
    McpServerSettings.Builder server() {
        return FakeServers.stdio("local", null);
    }
}
