package dev.dingbot.ops;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.port.DomainLookup.LookupFailedException;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads the leaf certificate a host presents: TLS with SNI, default trust and host name verification. */
final class CertificateProbe {

    private final Connector connector;
    private final LookupSettings settings;
    private final SSLSocketFactory tls;

    CertificateProbe(Connector connector, LookupSettings settings, SSLSocketFactory tls) {
        this.connector = connector;
        this.settings = settings;
        this.tls = tls;
    }

    CertificateFacts probe(String domain) throws LookupFailedException {
        Socket raw = connector.connect(domain, settings.tlsPort());
        try (SSLSocket ssl = (SSLSocket) tls.createSocket(raw, domain, settings.tlsPort(), true)) {
            SSLParameters params = ssl.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(domain)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            Certificate[] chain = ssl.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                throw new LookupFailedException(domain + " 没有提供 X.509 证书");
            }
            return new CertificateFacts(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(),
                    issuerOrganization(leaf.getIssuerX500Principal()));
        } catch (SSLException e) {
            throw new LookupFailedException(domain + " 的证书无法通过校验（可能已过期、自签名或与域名不符），"
                    + "或 TLS 握手失败", e);
        } catch (IOException e) {
            Connector.closeQuietly(raw);
            throw new LookupFailedException("与 " + domain + " 的 TLS 连接失败或超时", e);
        }
    }

    /** The issuer's O (all of them, comma-joined); its CN when it has no O. */
    static String issuerOrganization(X500Principal issuer) {
        try {
            List<String> org = new ArrayList<>();
            String cn = "";
            for (Rdn rdn : new LdapName(issuer.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("O")) org.add(0, String.valueOf(rdn.getValue()));
                if (rdn.getType().equalsIgnoreCase("CN")) cn = String.valueOf(rdn.getValue());
            }
            return org.isEmpty() ? cn : String.join(", ", org);
        } catch (InvalidNameException e) {
            return issuer.getName();
        }
    }
}
