package dev.dingbot.mcp;

import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import org.junit.jupiter.api.AfterAll;

/** The tool box over a Streamable HTTP server keeps the port's promises. */
class HttpToolBoxContractTest extends FakeServerToolBoxContract {

    private final FakeMcpHttpServer server = FakeMcpHttpServer.start();

    @Override
    McpServerSettings.Builder server() {
        return FakeServers.http("local", server);
    }

    @AfterAll
    void stopTheServer() {
        server.close();
    }
}
