package dev.dingbot.ops;

import dev.dingbot.core.model.WhoisFacts;
import dev.dingbot.core.port.DomainLookup.LookupFailedException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkDomainLookupTest {

    static final String VERISIGN = """
               Domain Name: EXAMPLE.COM
               Registry Domain ID: 2336799_DOMAIN_COM-VRSN
               Registrar WHOIS Server: whois.markmonitor.com
               Registrar URL: http://www.markmonitor.com
               Updated Date: 2019-09-09T15:39:04Z
               Creation Date: 1997-09-15T04:00:00Z
               Registry Expiry Date: 2028-09-14T04:00:00Z
               Registrar: MarkMonitor Inc.
               Registrar IANA ID: 292
            """;
    static final String NOTICE = "NOTICE: The expiration date displayed in this record is the date the\n"
            + "registrar's sponsorship of the domain name registration in the registry is\n".repeat(20);

    final List<String> resolved = new CopyOnWriteArrayList<>();

    HostResolver loopback() {
        return host -> {
            resolved.add(host);
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
    }

    /** Short timeouts, only .com known without IANA, the fakes' ports. */
    static LookupSettings settings(int whoisPort, int tlsPort, boolean allowPrivate) {
        return LookupSettings.builder().tldServers(Map.of("com", "whois.verisign-grs.com")).whoisPort(whoisPort)
                .tlsPort(tlsPort).connectTimeout(Duration.ofMillis(500)).readTimeout(Duration.ofMillis(400))
                .deadline(Duration.ofSeconds(2)).allowPrivateTargets(allowPrivate).build();
    }

    NetworkDomainLookup lookup(int whoisPort, boolean allowPrivate) {
        return new NetworkDomainLookup(settings(whoisPort, 1, allowPrivate), loopback(),
                (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    @Test
    void a_com_domain_is_asked_at_verisign_and_the_whole_answer_is_read() throws Exception {
        // The fields come after more than 1024 bytes, so one short read would miss them.
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> q.equals("example.com") ? NOTICE + VERISIGN : "")) {
            WhoisFacts facts = lookup(whois.port(), true).whois(" Example.COM ");

            assertThat(facts).isEqualTo(new WhoisFacts("1997-09-15T04:00:00Z", "2028-09-14T04:00:00Z",
                    "MarkMonitor Inc."));
            assertThat(resolved).startsWith("whois.verisign-grs.com");
        }
    }

    @Test
    void other_tlds_follow_the_iana_referral_and_the_registrar_server_once() throws Exception {
        String registry = """
                Domain Name: foo.example
                Registrar WHOIS Server: whois://whois.registrar.example/
                Creation Date: 2001-02-03T04:05:06Z
                Registry Expiry Date: 2031-02-03T04:05:06Z
                """;
        String registrar = """
                Domain Name: FOO.EXAMPLE
                Registrar WHOIS Server: whois.elsewhere.example
                Creation Date: 1999-01-01T00:00:00Z
                Registrar: Example Registrar, Inc.
                """;
        List<String> answers = new CopyOnWriteArrayList<>(List.of("% IANA WHOIS server\n\ndomain:       EXAMPLE\n"
                + "refer:        whois.nic.example\n\nwhois:        whois.nic.example\n", registry, registrar));
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> answers.remove(0))) {
            WhoisFacts facts = lookup(whois.port(), true).whois("foo.example");

            assertThat(whois.queries).containsExactly("example", "foo.example", "foo.example");
            assertThat(resolved).containsExactly("whois.iana.org", "whois.nic.example", "whois.registrar.example");
            assertThat(facts).isEqualTo(new WhoisFacts("2001-02-03T04:05:06Z", "2031-02-03T04:05:06Z",
                    "Example Registrar, Inc."));
        }
    }

    @Test
    void when_one_address_of_a_server_refuses_the_next_is_tried() throws Exception {
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> VERISIGN)) {
            // The fake listens on 127.0.0.1 only; 127.0.0.2 refuses (or times out where it is not configured).
            NetworkDomainLookup lookup = new NetworkDomainLookup(settings(whois.port(), 1, true),
                    host -> new InetAddress[] {InetAddress.getByName("127.0.0.2"), InetAddress.getLoopbackAddress()},
                    (SSLSocketFactory) SSLSocketFactory.getDefault());

            assertThat(lookup.whois("example.com").registrar()).isEqualTo("MarkMonitor Inc.");
        }
    }

    @Test
    void an_unregistered_domain_is_a_clear_failure() throws Exception {
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> "No match for \"NOPE-" + q.toUpperCase() + "\".\n")) {
            assertThatThrownBy(() -> lookup(whois.port(), true).whois("nope-nope.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("可能尚未注册");
        }
    }

    @Test
    void an_idn_domain_is_asked_in_punycode() throws Exception {
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> q.equals("xn--fiqs8s") ? "refer: cwhois.cnnic.cn\n"
                : "Registration Time: 2003-03-17 12:20:05\nExpiration Time: 2030-03-17 12:48:36\n"
                + "Sponsoring Registrar: 北京新网数码信息技术有限公司\n")) {
            WhoisFacts facts = lookup(whois.port(), true).whois("例子.中国");

            assertThat(whois.queries).containsExactly("xn--fiqs8s", "xn--fsqu00a.xn--fiqs8s");
            assertThat(facts).isEqualTo(new WhoisFacts("2003-03-17 12:20:05", "2030-03-17 12:48:36",
                    "北京新网数码信息技术有限公司"));
        }
    }

    @Test
    void a_whois_server_that_never_answers_fails_fast() throws Exception {
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> null)) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> lookup(whois.port(), true).whois("slow.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("超时");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void malformed_names_are_refused_before_any_connection() {
        NetworkDomainLookup lookup = new NetworkDomainLookup(settings(1, 1, true), host -> {
            throw new AssertionError("no name should be resolved, asked " + host);
        }, (SSLSocketFactory) SSLSocketFactory.getDefault());

        for (String bad : List.of("", "exa mple.com", "example.com\nwhois.evil", "example.com:443",
                "example.com/path", "http://example.com", "10.0.0.1", "a..b.com", "-a.com", "localhost",
                "user@example.com", "x".repeat(64) + ".com")) {
            assertThatThrownBy(() -> lookup.whois(bad)).as(bad).isInstanceOf(LookupFailedException.class)
                    .hasMessageContaining("有效的域名");
            assertThatThrownBy(() -> lookup.certificate(bad)).as(bad).isInstanceOf(LookupFailedException.class);
        }
    }

    @Test
    void loopback_and_private_targets_are_refused_unless_allowed() throws Exception {
        try (FakeWhoisServer whois = new FakeWhoisServer(q -> VERISIGN)) {
            NetworkDomainLookup guarded = new NetworkDomainLookup(settings(whois.port(), whois.port(), false),
                    host -> new InetAddress[] {InetAddress.getByName(host.startsWith("intranet") ? "10.1.2.3"
                            : "127.0.0.1")}, (SSLSocketFactory) SSLSocketFactory.getDefault());

            assertThatThrownBy(() -> guarded.certificate("intranet.corp.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("内网或本机地址");
            assertThatThrownBy(() -> guarded.certificate("loopback.corp.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("内网或本机地址");
            assertThatThrownBy(() -> guarded.whois("example.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("内网或本机地址");
            assertThat(whois.connections.get()).isZero();
        }
    }

    @Test
    void a_name_resolving_to_an_ipv4_mapped_loopback_address_is_refused_before_any_connection() throws Exception {
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        try (FakeWhoisServer listener = new FakeWhoisServer(q -> VERISIGN)) {
            // The address as a resolver may return it: 16 raw bytes, kept an Inet6Address (::ffff:127.0.0.1).
            NetworkDomainLookup guarded = new NetworkDomainLookup(settings(listener.port(), listener.port(), false),
                    host -> new InetAddress[] {Inet6Address.getByAddress(host, mappedLoopback, -1)},
                    (SSLSocketFactory) SSLSocketFactory.getDefault());

            assertThatThrownBy(() -> guarded.certificate("mapped.example.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("内网或本机地址");
            assertThatThrownBy(() -> guarded.whois("example.org"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("内网或本机地址");
            assertThatThrownBy(() -> guarded.whois("example.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("内网或本机地址");
            assertThat(listener.connections.get()).isZero();
        }
    }
}
