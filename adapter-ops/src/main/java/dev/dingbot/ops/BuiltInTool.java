package dev.dingbot.ops;

import dev.dingbot.core.model.CertificateFacts;
import dev.dingbot.core.model.ToolDefinition;
import dev.dingbot.core.model.WhoisFacts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The tools on the lookups of {@code #域名} and {@code #证书}: one argument, the domain; a few lines of facts back. */
enum BuiltInTool {

    WHOIS("whois", "Looks up a domain's WHOIS registration: when it was registered, when it expires, and its"
            + " registrar.") {
        @Override
        String answer(NetworkDomainLookup lookup, String domain, Instant now) throws FailedLookup {
            WhoisFacts facts = lookup.registration(domain);
            return "WHOIS of " + domain
                    + "\nregistered: " + orUnknown(facts.created())
                    + "\nexpires: " + orUnknown(facts.expires())
                    + "\nregistrar: " + orUnknown(facts.registrar());
        }
    },

    TLS_CERTIFICATE("tls_certificate", "Reads the TLS certificate a domain's HTTPS server presents (port 443),"
            + " checked against the default trust store: its validity period, days left, issuer and subject names.") {
        @Override
        String answer(NetworkDomainLookup lookup, String domain, Instant now) throws FailedLookup {
            PresentedCertificate presented = lookup.presentedCertificate(domain);
            CertificateFacts facts = presented.facts();
            List<String> names = presented.subjectNames();
            String shown = String.join(", ", names.subList(0, Math.min(names.size(), MAX_NAMES_SHOWN)))
                    + (names.size() > MAX_NAMES_SHOWN ? " and " + (names.size() - MAX_NAMES_SHOWN) + " more" : "");
            return "TLS certificate of " + domain + " (it passes verification)"
                    + "\nvalid from: " + facts.notBefore()
                    + "\nvalid until: " + facts.notAfter() + " (" + Duration.between(now, facts.notAfter()).toDays()
                    + " days left)"
                    + "\nissuer: " + orUnknown(facts.issuerOrganization())
                    + "\nsubject names: " + (names.isEmpty() ? UNKNOWN : shown);
        }
    };

    /** The argument every one of them takes. */
    static final String DOMAIN = "domain";

    private static final String PARAMETERS = """
            {"type":"object","properties":{"domain":{"type":"string","description":\
            "The domain name alone, e.g. example.com or 例子.中国: no scheme, port, path or IP address."}},\
            "required":["domain"],"additionalProperties":false}""";
    private static final String UNKNOWN = "not given";
    private static final int MAX_NAMES_SHOWN = 10;

    private final ToolDefinition definition;

    BuiltInTool(String name, String description) {
        this.definition = ToolDefinition.builtIn(name, description, PARAMETERS);
    }

    ToolDefinition definition() {
        return definition;
    }

    /** The facts for the model, in a few lines. */
    abstract String answer(NetworkDomainLookup lookup, String domain, Instant now) throws FailedLookup;

    private static String orUnknown(String value) {
        return value.isBlank() ? UNKNOWN : value;
    }
}
