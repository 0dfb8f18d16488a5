package dev.dingbot.ops;

import dev.dingbot.core.model.ToolAsker;
import dev.dingbot.core.model.ToolCall;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.ToolResult;
import dev.dingbot.core.model.ToolResult.Outcome;
import dev.dingbot.core.port.DomainLookup.LookupFailedException;
import dev.dingbot.core.port.ToolBox;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LookupToolsTest {

    static final ToolAsker ALICE = new ToolAsker("alice", "cid-private", false, false);
    /** 120 days and 12 hours before the fake certificate expires. */
    static final Clock CLOCK = Clock.fixed(FakeTlsServer.NOT_AFTER.minus(Duration.ofHours(120 * 24 + 12)),
            ZoneOffset.UTC);

    static DomainOps ops(LookupSettings settings, HostResolver resolver, SSLSocketFactory tls) {
        return new DomainOps(settings, resolver, tls, CLOCK);
    }

    static DomainOps loopbackOps(int whoisPort, int tlsPort) {
        return ops(NetworkDomainLookupTest.settings(whoisPort, tlsPort, true),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, FakeTlsServer.trustingRoot());
    }

    static ToolCall call(String tool, String domain) {
        return new ToolCall("call-1", tool, "{\"domain\": \"" + domain + "\"}");
    }

    @Test
    void whois_answers_the_registration_the_expiry_and_the_registrar() throws Exception {
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> NetworkDomainLookupTest.VERISIGN)) {
            ToolResult result = loopbackOps(whois.port(), 1).tools(List.of("whois")).call(ALICE,
                    call("whois", " Example.COM "));

            assertThat(result).isEqualTo(ToolResult.ok("""
                    WHOIS of Example.COM
                    registered: 1997-09-15T04:00:00Z
                    expires: 2028-09-14T04:00:00Z
                    registrar: MarkMonitor Inc."""));
        }
    }

    @Test
    void tls_certificate_answers_the_validity_the_days_left_the_issuer_and_the_subject_names() throws Exception {
        try (FakeTlsServer tls = FakeTlsServer.presenting("secure.example.com", "www.secure.example.com")) {
            ToolResult result = loopbackOps(1, tls.port()).tools(List.of("tls_certificate")).call(ALICE,
                    call("tls_certificate", "secure.example.com"));

            assertThat(result).isEqualTo(ToolResult.ok("""
                    TLS certificate of secure.example.com (it passes verification)
                    valid from: 2026-01-01T00:00:00Z
                    valid until: 2027-04-01T12:00:00Z (120 days left)
                    issuer: Dingbot Test Root
                    subject names: secure.example.com, www.secure.example.com"""));
        }
    }

    @Test
    void the_offered_tools_follow_the_configured_names() {
        DomainOps ops = loopbackOps(1, 1);

        assertThat(DomainOps.TOOL_NAMES).containsExactly("whois", "tls_certificate");
        assertThat(ops.tools(DomainOps.TOOL_NAMES).toolsFor(ALICE)).extracting(ToolDefinition::name)
                .containsExactly("whois", "tls_certificate");
        assertThat(ops.tools(List.of("tls_certificate", "whois", "whois")).toolsFor(ALICE))
                .extracting(ToolDefinition::name).containsExactly("whois", "tls_certificate");
        assertThat(ops.tools(List.of("tls_certificate")).toolsFor(ALICE)).extracting(ToolDefinition::name)
                .containsExactly("tls_certificate");
        assertThat(ops.tools(List.of()).toolsFor(ALICE)).isEmpty();
    }

    @Test
    void a_tool_that_was_not_chosen_is_an_unknown_tool_when_called() {
        ToolResult result = loopbackOps(1, 1).tools(List.of("tls_certificate")).call(ALICE,
                call("whois", "example.com"));

        assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN_TOOL);
        assertThat(result.text()).contains("tls_certificate");
    }

    @Test
    void an_unknown_tool_name_is_refused_naming_it_and_the_valid_ones() {
        DomainOps ops = loopbackOps(1, 1);

        assertThatThrownBy(() -> ops.tools(List.of("whois", "dig")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no built-in tool is named dig; the built-in tools are whois, tls_certificate");
    }

    @Test
    void both_tools_ask_for_a_required_domain_described_for_the_model() {
        assertThat(loopbackOps(1, 1).tools(DomainOps.TOOL_NAMES).toolsFor(ALICE)).allSatisfy(t -> {
            assertThat(t.server()).isEqualTo(ToolDefinition.BUILT_IN);
            assertThat(t.description()).isNotBlank();
            assertThat(t.parameters()).contains("\"required\":[\"domain\"]").contains("\"description\":");
        });
    }

    @Test
    void a_name_that_is_no_domain_is_invalid_arguments_with_the_message_the_command_gives() {
        DomainOps ops = ops(NetworkDomainLookupTest.settings(1, 1, true), host -> {
            throw new AssertionError("no name should be resolved, asked " + host);
        }, FakeTlsServer.trustingRoot());
        ToolBox tools = ops.tools(DomainOps.TOOL_NAMES);
        String commandSays = catchThrowableOfType(LookupFailedException.class,
                () -> ops.lookup().whois("http://example.com")).getMessage();

        for (String tool : DomainOps.TOOL_NAMES) {
            assertThat(tools.call(ALICE, call(tool, "http://example.com")))
                    .isEqualTo(ToolResult.failed(Outcome.INVALID_ARGUMENTS, commandSays));
        }
    }

    @Test
    void a_tool_call_for_a_name_resolving_to_a_loopback_or_ipv4_mapped_address_is_refused_before_any_connection()
            throws Exception {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        try (FakeWhoisServer listener = new FakeWhoisServer(q -> NetworkDomainLookupTest.VERISIGN)) {
            DomainOps guarded = ops(NetworkDomainLookupTest.settings(listener.port(), listener.port(), false),
                    host -> new InetAddress[] {host.startsWith("mapped")
                            ? Inet6Address.getByAddress(host, mappedLoopback, -1) : InetAddress.getByName("127.0.0.1")},
                    FakeTlsServer.trustingRoot());
            ToolBox tools = guarded.tools(DomainOps.TOOL_NAMES);

            for (String domain : List.of("mapped.example.com", "loopback.example.com")) {
                String commandSays = catchThrowableOfType(LookupFailedException.class,
                        () -> guarded.lookup().certificate(domain)).getMessage();
                assertThat(commandSays).contains("内网或本机地址");
                assertThat(tools.call(ALICE, call("tls_certificate", domain)))
                        .isEqualTo(ToolResult.failed(Outcome.TOOL_ERROR, commandSays));
            }
            ToolResult whois = tools.call(ALICE, call("whois", "example.com"));
            assertThat(whois.outcome()).isEqualTo(Outcome.TOOL_ERROR);
            assertThat(whois.text()).contains("内网或本机地址");
            assertThat(listener.connections.get()).isZero();
        }
    }

    @Test
    void a_server_that_cannot_be_reached_is_unavailable() throws Exception {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        ToolBox tools = loopbackOps(closedPort, closedPort).tools(DomainOps.TOOL_NAMES);

        for (String tool : DomainOps.TOOL_NAMES) {
            ToolResult result = tools.call(ALICE, call(tool, "example.com"));
            assertThat(result.outcome()).as(tool).isEqualTo(Outcome.UNAVAILABLE);
            assertThat(result.text()).as(tool).contains("失败或超时");
        }
    }

    @Test
    void a_domain_that_is_not_a_string_is_invalid_arguments_that_name_the_field() {
        ToolResult result = loopbackOps(1, 1).tools(DomainOps.TOOL_NAMES).call(ALICE,
                new ToolCall("call-1", "whois", "{\"domain\": 42}"));

        assertThat(result.outcome()).isEqualTo(Outcome.INVALID_ARGUMENTS);
        assertThat(result.text()).contains("\"domain\"");
    }

    @Test
    void trouble_the_lookup_did_not_expect_comes_back_as_a_tool_error_and_is_never_thrown() {
        ToolBox tools = ops(NetworkDomainLookupTest.settings(1, 1, true), host -> {
            throw new IllegalStateException("resolver broke");
        }, FakeTlsServer.trustingRoot()).tools(DomainOps.TOOL_NAMES);

        ToolResult result = tools.call(ALICE, call("whois", "example.com"));

        assertThat(result.outcome()).isEqualTo(Outcome.TOOL_ERROR);
        assertThat(result.text()).isNotBlank().doesNotContain("resolver broke");
    }
}
