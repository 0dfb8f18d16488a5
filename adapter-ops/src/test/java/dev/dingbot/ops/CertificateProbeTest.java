package dev.dingbot.ops;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.port.DomainLookup.LookupFailedException;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateProbeTest {

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2027-04-01T12:00:00Z");

    final HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Dingbot Test Root").build();
    ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) server.close();
    }

    /** A TLS server on 127.0.0.1 presenting a leaf for {@code name}, signed by {@link #root}. */
    int tlsServer(String name) throws IOException {
        HeldCertificate leaf = new HeldCertificate.Builder().commonName(name).addSubjectAlternativeName(name)
                .validityInterval(NOT_BEFORE.toEpochMilli(), NOT_AFTER.toEpochMilli()).signedBy(root).build();
        HandshakeCertificates certs = new HandshakeCertificates.Builder()
                .heldCertificate(leaf, root.certificate()).build();
        SSLServerSocket ssl = (SSLServerSocket) certs.sslContext().getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        server = ssl;
        acceptInBackground(s -> {
            ((SSLSocket) s).startHandshake();
            s.getInputStream().read();
        });
        return ssl.getLocalPort();
    }

    interface Conversation {
        void run(Socket s) throws IOException;
    }

    void acceptInBackground(Conversation conversation) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    conversation.run(s);
                } catch (IOException ignored) {
                    // next one
                }
            }
        }, "fake-tls");
        t.setDaemon(true);
        t.start();
    }

    NetworkDomainLookup lookup(int tlsPort, SSLSocketFactory trust) {
        return new NetworkDomainLookup(NetworkDomainLookupTest.settings(1, tlsPort, true),
                host -> new InetAddress[] {InetAddress.getLoopbackAddress()}, trust);
    }

    SSLSocketFactory trustingRoot() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate()).build().sslSocketFactory();
    }

    @Test
    void the_leaf_certificate_gives_validity_and_issuer() throws Exception {
        int port = tlsServer("secure.example.com");

        CertificateFacts facts = lookup(port, trustingRoot()).certificate("secure.example.com");

        assertThat(facts.notBefore()).isEqualTo(NOT_BEFORE);
        assertThat(facts.notAfter()).isEqualTo(NOT_AFTER);
        assertThat(facts.issuerOrganization()).isEqualTo("Dingbot Test Root");
    }

    @Test
    void a_certificate_the_default_trust_does_not_know_is_refused() throws Exception {
        int port = tlsServer("secure.example.com");

        assertThatThrownBy(() -> lookup(port, (SSLSocketFactory) SSLSocketFactory.getDefault())
                .certificate("secure.example.com"))
                .isInstanceOf(LookupFailedException.class).hasMessageContaining("无法通过校验");
    }

    @Test
    void a_certificate_for_another_name_is_refused() throws Exception {
        int port = tlsServer("other.example.com");

        assertThatThrownBy(() -> lookup(port, trustingRoot()).certificate("secure.example.com"))
                .isInstanceOf(LookupFailedException.class).hasMessageContaining("无法通过校验");
    }

    @Test
    void a_server_that_never_handshakes_fails_fast() throws Exception {
        server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        acceptInBackground(s -> {
            try {
                TimeUnit.SECONDS.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long start = System.nanoTime();

        assertThatThrownBy(() -> lookup(server.getLocalPort(), trustingRoot()).certificate("silent.example.com"))
                .isInstanceOf(LookupFailedException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void the_issuer_organization_is_read_from_the_distinguished_name() {
        assertThat(CertificateProbe.issuerOrganization(new X500Principal("CN=R3, O=Let's Encrypt, C=US")))
                .isEqualTo("Let's Encrypt");
        assertThat(CertificateProbe.issuerOrganization(new X500Principal("CN=Only A Name"))).isEqualTo("Only A Name");
    }
}
