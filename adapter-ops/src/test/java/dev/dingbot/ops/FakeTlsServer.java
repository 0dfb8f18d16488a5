package dev.dingbot.ops;

import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A server on 127.0.0.1 presenting a leaf certificate signed by a test root ({@link #presenting}), or one that
 * accepts connections and never handshakes ({@link #silent}).
 */
final class FakeTlsServer implements AutoCloseable {

    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant NOT_AFTER = Instant.parse("2027-04-01T12:00:00Z");
    static final String ROOT_NAME = "Dingbot Test Root";

    private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName(ROOT_NAME).build();

    private interface Conversation {
        void run(Socket s) throws IOException;
    }

    private final ServerSocket server;

    private FakeTlsServer(ServerSocket server, Conversation conversation) {
        this.server = server;
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

    /** Presents a leaf for {@code name} and its alternative {@code otherNames}, valid from NOT_BEFORE to NOT_AFTER. */
    static FakeTlsServer presenting(String name, String... otherNames) throws IOException {
        HeldCertificate.Builder leaf = new HeldCertificate.Builder().commonName(name).addSubjectAlternativeName(name)
                .validityInterval(NOT_BEFORE.toEpochMilli(), NOT_AFTER.toEpochMilli()).signedBy(ROOT);
        for (String other : otherNames) leaf.addSubjectAlternativeName(other);
        HandshakeCertificates certs = new HandshakeCertificates.Builder()
                .heldCertificate(leaf.build(), ROOT.certificate()).build();
        SSLServerSocket ssl = (SSLServerSocket) certs.sslContext().getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        return new FakeTlsServer(ssl, s -> {
            ((SSLSocket) s).startHandshake();
            s.getInputStream().read();
        });
    }

    /** Accepts and then says nothing for 30 s. */
    static FakeTlsServer silent() throws IOException {
        return new FakeTlsServer(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()), s -> {
            try {
                TimeUnit.SECONDS.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Client sockets that trust the test root alone. */
    static SSLSocketFactory trustingRoot() {
        return new HandshakeCertificates.Builder().addTrustedCertificate(ROOT.certificate()).build().sslSocketFactory();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
