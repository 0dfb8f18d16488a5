package dev.dingbot.ops;

import java.time.Duration;
import java.util.Map;

/**
 * How {@link NetworkDomainLookup} reaches the network.
 *
 * @param ianaServer          asked for a TLD's WHOIS server when {@code tldServers} does not know it
 * @param tldServers          WHOIS servers known without asking IANA, by TLD
 * @param whoisPort           43; tests point it at a local fake
 * @param tlsPort             443; tests point it at a local fake
 * @param connectTimeout      per TCP connect
 * @param readTimeout         per read (and for the TLS handshake's reads)
 * @param deadline            the longest one connection may take in all, however slowly a server drips
 * @param maxAnswerBytes      WHOIS answers are cut here
 * @param allowPrivateTargets whether loopback, private, link-local and similar addresses may be contacted
 */
public record LookupSettings(String ianaServer, Map<String, String> tldServers, int whoisPort, int tlsPort,
                             Duration connectTimeout, Duration readTimeout, Duration deadline, int maxAnswerBytes,
                             boolean allowPrivateTargets) {

    public LookupSettings {
        tldServers = Map.copyOf(tldServers);
    }

    public static LookupSettings defaults(boolean allowPrivateTargets) {
        return new LookupSettings("whois.iana.org",
                Map.of("com", "whois.verisign-grs.com", "net", "whois.verisign-grs.com"), 43, 443,
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15), 256 * 1024,
                allowPrivateTargets);
    }
}
