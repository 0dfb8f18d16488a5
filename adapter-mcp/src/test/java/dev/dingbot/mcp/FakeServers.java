package dev.dingbot.mcp;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.testkit.mcp.FakeMcpHttpServer;
import dev.dingbot.testkit.mcp.FakeMcpStdioServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings for the testkit's fake MCP servers, and what tests ask them. */
final class FakeServers {

    static final ToolAsker SOMEONE = new ToolAsker("user-1", "private-1", false, false);
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private FakeServers() {
    }

    static McpServerSettings.Builder stdio(String name, Path record) {
        FakeMcpStdioServer.CommandLine line = FakeMcpStdioServer.commandLine(record);
        return McpServerSettings.stdio(name, line.command()).args(line.args());
    }

    static McpServerSettings.Builder http(String name, FakeMcpHttpServer server) {
        return McpServerSettings.http(name, server.url());
    }

    static ToolCall echo(String server, String text) {
        return new ToolCall("c-echo", server + "_echo", "{\"text\":\"" + text + "\"}");
    }

    static ToolCall call(String name, String arguments) {
        return new ToolCall("c-" + name, name, arguments);
    }

    /** The fake stdio servers this JVM started and that still run. */
    static List<ProcessHandle> fakeChildren() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains(FakeMcpStdioServer.MARK))
                .toList();
    }
}
