package dev.dingbot.ops;

import dev.dingbot.core.contract.ToolBoxContract;
import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.port.ToolBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;

/** The built-in tools against a WHOIS fake on loopback (loopback allowed here; the guard has its own tests). */
class LookupToolsContractTest extends ToolBoxContract {

    FakeWhoisServer whois;

    @BeforeEach
    void start() throws IOException {
        whois = new FakeWhoisServer(q -> NetworkDomainLookupTest.VERISIGN);
    }

    @AfterEach
    void stop() throws IOException {
        whois.close();
    }

    @Override
    protected ToolBox toolBox() {
        return new DomainOps(NetworkDomainLookupTest.settings(whois.port(), 1, true),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()},
                (SSLSocketFactory) SSLSocketFactory.getDefault(), Clock.systemUTC()).tools(DomainOps.TOOL_NAMES);
    }

    @Override
    protected ToolAsker asker() {
        return new ToolAsker("alice", "cid-group", true, false);
    }

    @Override
    protected ToolCall aCallThatWorks() {
        return new ToolCall("call-1", "whois", "{\"domain\": \"example.com\"}");
    }

    @Override
    protected ToolCall aCallMissingARequiredField() {
        return new ToolCall("call-2", "whois", "{\"name\": \"example.com\"}");
    }
}
