package dev.dingbot.ops;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.model.WhoisFacts;
import dev.dingbot.core.port.DomainLookup;
import dev.dingbot.ops.FailedLookup.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLSocketFactory;

/**
 * {@code #域名} and {@code #证书} over the network, and the built-in tools on the same lookups. WHOIS: .com/.net
 * go straight to Verisign; other TLDs ask IANA for the registry's server ({@code refer:}); a registry answer
 * naming a {@code Registrar WHOIS Server} is followed once to fill in what the registry left out. Certificates:
 * the leaf presented on port 443. Names are validated first and private targets refused unless allowed; every
 * connection has timeouts and a hard deadline.
 */
final class NetworkDomainLookup implements DomainLookup {

    private static final Logger log = LoggerFactory.getLogger(NetworkDomainLookup.class);

    private final LookupSettings settings;
    private final WhoisClient whois;
    private final CertificateProbe certificates;

    NetworkDomainLookup(LookupSettings settings, HostResolver resolver, SSLSocketFactory tls) {
        this.settings = settings;
        Connector connector = new Connector(settings, resolver);
        this.whois = new WhoisClient(connector, settings);
        this.certificates = new CertificateProbe(connector, settings, tls);
    }

    @Override
    public WhoisFacts whois(String domain) throws LookupFailedException {
        try {
            return registration(domain);
        } catch (FailedLookup e) {
            throw e.forUser();
        }
    }

    @Override
    public CertificateFacts certificate(String domain) throws LookupFailedException {
        try {
            return presentedCertificate(domain).facts();
        } catch (FailedLookup e) {
            throw e.forUser();
        }
    }

    WhoisFacts registration(String domain) throws FailedLookup {
        String name = DomainNames.normalize(domain);
        String server = registryServer(DomainNames.tld(name));
        String text = whois.ask(server, name);
        WhoisAnswer answer = WhoisAnswer.parse(text);
        var registrar = answer.registrarHost().filter(h -> !h.equalsIgnoreCase(server));
        if (registrar.isPresent()) {
            try {
                answer = answer.orElse(WhoisAnswer.parse(whois.ask(registrar.get(), name)));
            } catch (FailedLookup e) {
                log.debug("registrar WHOIS {} did not answer: {}", registrar.get(), e.getMessage());
            }
        }
        if (answer.empty()) {
            throw new FailedLookup(Kind.NO_FACTS, WhoisAnswer.saysNotFound(text)
                    ? "没有查到 " + name + " 的注册信息，它可能尚未注册"
                    : "WHOIS 服务器没有返回 " + name + " 的注册时间、到期时间或服务商");
        }
        return new WhoisFacts(answer.created(), answer.expires(), answer.registrar());
    }

    PresentedCertificate presentedCertificate(String domain) throws FailedLookup {
        return certificates.probe(DomainNames.normalize(domain));
    }

    private String registryServer(String tld) throws FailedLookup {
        String known = settings.tldServers().get(tld);
        if (known != null) return known;
        WhoisAnswer iana = WhoisAnswer.parse(whois.ask(settings.ianaServer(), tld));
        return iana.referHost().orElseThrow(() -> new FailedLookup(Kind.NO_FACTS,
                "不知道 ." + tld + " 域名的 WHOIS 服务器，暂不支持查询"));
    }
}
