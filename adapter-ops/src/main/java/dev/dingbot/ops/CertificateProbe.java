package dev.dingbot.ops;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.ops.FailedLookup.Kind;

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
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads the leaf certificate a host presents: TLS with SNI, default trust and host name verification. */
final class CertificateProbe {

    /** The {@code dNSName} entry type of {@link X509Certificate#getSubjectAlternativeNames()}. */
    private static final int DNS_NAME = 2;

    private final Connector connector;
    private final LookupSettings settings;
    private final SSLSocketFactory tls;

    CertificateProbe(Connector connector, LookupSettings settings, SSLSocketFactory tls) {
        this.connector = connector;
        this.settings = settings;
        this.tls = tls;
    }

    PresentedCertificate probe(String domain) throws FailedLookup {
        Socket raw = connector.connect(domain, settings.tlsPort());
        try (SSLSocket ssl = (SSLSocket) tls.createSocket(raw, domain, settings.tlsPort(), true)) {
            SSLParameters params = ssl.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(domain)));
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            ssl.startHandshake();
            Certificate[] chain = ssl.getSession().getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                throw new FailedLookup(Kind.NO_FACTS, domain + " 没有提供 X.509 证书");
            }
            return new PresentedCertificate(new CertificateFacts(leaf.getNotBefore().toInstant(),
                    leaf.getNotAfter().toInstant(), issuerOrganization(leaf.getIssuerX500Principal())),
                    subjectNames(leaf));
        } catch (SSLException e) {
            throw new FailedLookup(Kind.NO_FACTS, domain + " 的证书无法通过校验（可能已过期、自签名或与域名不符），"
                    + "或 TLS 握手失败", e);
        } catch (IOException e) {
            Connector.closeQuietly(raw);
            throw new FailedLookup(Kind.UNREACHABLE, "与 " + domain + " 的 TLS 连接失败或超时", e);
        }
    }

    /** The issuer's O (all of them, comma-joined); its CN when it has no O. */
    static String issuerOrganization(X500Principal issuer) {
        try {
            List<String> org = attributes(issuer, "O");
            List<String> cn = attributes(issuer, "CN");
            return !org.isEmpty() ? String.join(", ", org) : cn.isEmpty() ? "" : cn.get(0);
        } catch (InvalidNameException e) {
            return issuer.getName();
        }
    }

    /** The DNS names of the subject alternative names; the subject's CN when there are none. */
    static List<String> subjectNames(X509Certificate leaf) {
        List<String> dns = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            for (List<?> name : alternatives == null ? List.<List<?>>of() : alternatives) {
                if (Integer.valueOf(DNS_NAME).equals(name.get(0))) dns.add(String.valueOf(name.get(1)));
            }
            return dns.isEmpty() ? attributes(leaf.getSubjectX500Principal(), "CN") : dns;
        } catch (CertificateParsingException | InvalidNameException e) {
            return dns;
        }
    }

    /** The values of one attribute type, in the order the name is written (LdapName lists them from the last). */
    private static List<String> attributes(X500Principal name, String type) throws InvalidNameException {
        List<String> values = new ArrayList<>();
        for (Rdn rdn : new LdapName(name.getName(X500Principal.RFC2253)).getRdns()) {
            if (rdn.getType().equalsIgnoreCase(type)) values.add(0, String.valueOf(rdn.getValue()));
        }
        return values;
    }
}
