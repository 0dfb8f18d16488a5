package dev.dingbot.ops;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the lookups reach the network.
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
        Objects.requireNonNull(ianaServer, "ianaServer");
        tldServers = Map.copyOf(tldServers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(deadline, "deadline");
    }

    /** IANA and Verisign on the standard ports, 5 s to connect, 10 s per read, 15 s per connection, private targets refused. */
    public static LookupSettings defaults() {
        return builder().build();
    }

    /** Settings with the {@linkplain #defaults() defaults}, each changeable by name. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private String ianaServer = "whois.iana.org";
        private Map<String, String> tldServers = Map.of("com", "whois.verisign-grs.com", "net", "whois.verisign-grs.com");
        private int whoisPort = 43;
        private int tlsPort = 443;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration deadline = Duration.ofSeconds(15);
        private int maxAnswerBytes = 256 * 1024;
        private boolean allowPrivateTargets;

        private Builder() {
        }

        public Builder ianaServer(String value) { ianaServer = value; return this; }
        public Builder tldServers(Map<String, String> value) { tldServers = value; return this; }
        public Builder whoisPort(int value) { whoisPort = value; return this; }
        public Builder tlsPort(int value) { tlsPort = value; return this; }
        public Builder connectTimeout(Duration value) { connectTimeout = value; return this; }
        public Builder readTimeout(Duration value) { readTimeout = value; return this; }
        public Builder deadline(Duration value) { deadline = value; return this; }
        public Builder maxAnswerBytes(int value) { maxAnswerBytes = value; return this; }
        public Builder allowPrivateTargets(boolean value) { allowPrivateTargets = value; return this; }

        public LookupSettings build() {
            return new LookupSettings(ianaServer, tldServers, whoisPort, tlsPort, connectTimeout, readTimeout,
                    deadline, maxAnswerBytes, allowPrivateTargets);
        }
    }
}
