package dev.dingbot.testkit.dingtalk;

import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

/**
 * One self-signed certificate per JVM for the fake gateway's TLS WebSocket, and a trust store holding it.
 *
 * <p>The DingTalk SDK only speaks {@code wss://} and builds its TLS context from the JDK default trust managers, so
 * the only honest way to point it at a loopback gateway is to make the JVM trust the gateway's certificate. The
 * {@code javax.net.ssl.trustStore*} properties are JVM-wide: every gateway in the JVM shares this one certificate.
 */
final class GatewayTrust {

    private static final char[] PASSWORD = "fake-gateway".toCharArray();
    private static HeldCertificate certificate;

    private GatewayTrust() {
    }

    /** Creates the certificate and installs the trust store on first call; later calls do nothing. */
    static synchronized void install() {
        if (certificate != null) return;
        HeldCertificate held = new HeldCertificate.Builder()
                .commonName("fake-dingtalk-gateway")
                .addSubjectAlternativeName("127.0.0.1")
                .addSubjectAlternativeName("localhost")
                .duration(1, TimeUnit.DAYS)
                .build();
        Path store = writeTrustStore(held);
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", new String(PASSWORD));
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        certificate = held;
    }

    static synchronized SSLSocketFactory serverSocketFactory() {
        install();
        return new HandshakeCertificates.Builder().heldCertificate(certificate).build().sslSocketFactory();
    }

    /** A client-side trust of the gateway's certificate, for clients that do not read the JVM's trust store. */
    static synchronized HandshakeCertificates clientCertificates() {
        install();
        return new HandshakeCertificates.Builder().addTrustedCertificate(certificate.certificate()).build();
    }

    private static Path writeTrustStore(HeldCertificate held) {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setCertificateEntry("fake-dingtalk-gateway", held.certificate());
            Path file = Files.createTempFile("fake-dingtalk-gateway", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                keyStore.store(out, PASSWORD);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the fake gateway's trust store", e);
        }
    }
}
