package dev.dingbot.ops;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.port.DomainLookup.LookupFailedException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import javax.security.auth.x500.X500Principal;
import java.net.InetAddress;
import java.time.Duration;

import static dev.dingbot.ops.FakeTlsServer.NOT_AFTER;
import static dev.dingbot.ops.FakeTlsServer.NOT_BEFORE;
import static dev.dingbot.ops.FakeTlsServer.trustingRoot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateProbeTest {

    NetworkDomainLookup lookup(int tlsPort, SSLSocketFactory trust) {
        return new NetworkDomainLookup(NetworkDomainLookupTest.settings(1, tlsPort, true),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, trust);
    }

    @Test
    void the_leaf_certificate_gives_validity_and_issuer() throws Exception {
        try (FakeTlsServer tls = FakeTlsServer.presenting("secure.example.com")) {
            CertificateFacts facts = lookup(tls.port(), trustingRoot()).certificate("secure.example.com");

            assertThat(facts.notBefore()).isEqualTo(NOT_BEFORE);
            assertThat(facts.notAfter()).isEqualTo(NOT_AFTER);
            assertThat(facts.issuerOrganization()).isEqualTo(FakeTlsServer.ROOT_NAME);
        }
    }

    @Test
    void the_leaf_certificate_names_its_subject_alternative_names() throws Exception {
        try (FakeTlsServer tls = FakeTlsServer.presenting("secure.example.com", "www.secure.example.com")) {
            PresentedCertificate presented = lookup(tls.port(), trustingRoot())
                    .presentedCertificate("secure.example.com");

            assertThat(presented.subjectNames()).containsExactly("secure.example.com", "www.secure.example.com");
        }
    }

    @Test
    void a_certificate_the_default_trust_does_not_know_is_refused() throws Exception {
        try (FakeTlsServer tls = FakeTlsServer.presenting("secure.example.com")) {
            assertThatThrownBy(() -> lookup(tls.port(), (SSLSocketFactory) SSLSocketFactory.getDefault())
                    .certificate("secure.example.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("无法通过校验");
        }
    }

    @Test
    void a_certificate_for_another_name_is_refused() throws Exception {
        try (FakeTlsServer tls = FakeTlsServer.presenting("other.example.com")) {
            assertThatThrownBy(() -> lookup(tls.port(), trustingRoot()).certificate("secure.example.com"))
                    .isInstanceOf(LookupFailedException.class).hasMessageContaining("无法通过校验");
        }
    }

    @Test
    void a_server_that_never_handshakes_fails_fast() throws Exception {
        try (FakeTlsServer silent = FakeTlsServer.silent()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> lookup(silent.port(), trustingRoot()).certificate("silent.example.com"))
                    .isInstanceOf(LookupFailedException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void the_issuer_organization_is_read_from_the_distinguished_name() {
        assertThat(CertificateProbe.issuerOrganization(new X500Principal("CN=R3, O=Let's Encrypt, C=US")))
                .isEqualTo("Let's Encrypt");
        assertThat(CertificateProbe.issuerOrganization(new X500Principal("CN=Only A Name"))).isEqualTo("Only A Name");
    }
}
