package dev.dingbot.storage.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the shared database is and how this instance uses it.
 *
 * @param url        a JDBC URL ({@code jdbc:postgresql://host:port/db}); a {@code postgres://user:pass@host:port/db}
 *                   URL is turned into one, its user and password taken where none are given
 * @param user       the database role
 * @param password   never printed: {@link #toString()} masks it
 * @param poolSize   connections this instance keeps at most
 * @param lease      how long a lane of the inbox this instance claimed stays its own without a renewal, before
 *                   another instance may take it over
 * @param answerTimeout how long a call waits for the database's answer on an open connection before it fails, so
 *                   that a network that silently drops packets fails calls like a database that is gone
 * @param instanceId names this instance among those sharing the database (lane holders, heartbeats)
 * @param clock      the time leases, heartbeats and replay keys are compared with
 */
public record PostgresSettings(String url, String user, String password, int poolSize, Duration lease,
                               Duration answerTimeout, String instanceId, Clock clock) {

    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    /** Far above any statement of ours (milliseconds), below a lease. */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(15);
    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        user = Objects.requireNonNullElse(user, "");
        password = Objects.requireNonNullElse(password, "");
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI uri = parse(url);
            String[] userInfo = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
            if (user.isEmpty() && userInfo.length > 0) user = decode(userInfo[0]);
            if (password.isEmpty() && userInfo.length > 1) password = decode(userInfo[1]);
            url = JDBC_PREFIX + "//" + uri.getRawAuthority().substring(uri.getRawAuthority().indexOf('@') + 1)
                    + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        if (!url.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL URL (jdbc:postgresql://host:port/db or"
                    + " postgres://user:password@host:port/db): " + masked(url));
        }
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("lease must be positive: " + lease);
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        if (answerTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("answerTimeout must be at least a second: " + answerTimeout);
        }
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isBlank()) throw new IllegalArgumentException("instanceId must not be blank");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Settings for {@code url} with the defaults (10 connections, a 30 s lease, answers within 15 s, this process as
     * the instance, UTC).
     */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The host the URL names first ({@code localhost} when it names none). */
    String host() {
        String authority = authority();
        if (authority.isEmpty()) return "localhost";
        int colon = authority.lastIndexOf(':');
        return colon > authority.lastIndexOf(']') ? authority.substring(0, colon) : authority;
    }

    /** The port the URL names first (5432 when it names none). */
    int port() {
        String authority = authority();
        int colon = authority.lastIndexOf(':');
        return colon > authority.lastIndexOf(']') ? Integer.parseInt(authority.substring(colon + 1)) : 5432;
    }

    @Override
    public String toString() {
        return "PostgresSettings[url=" + masked(url) + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", poolSize=" + poolSize + ", lease=" + lease + ", answerTimeout=" + answerTimeout
                + ", instanceId=" + instanceId + ", clock=" + clock + "]";
    }

    /** The first {@code host[:port]} of {@code jdbc:postgresql://host:port,host2:port2/db}; empty when none. */
    private String authority() {
        String rest = url.substring(JDBC_PREFIX.length());
        if (!rest.startsWith("//")) return "";
        String hosts = rest.substring(2).split("[/?]", 2)[0];
        return hosts.split(",", 2)[0];
    }

    private static String masked(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getRawAuthority() == null) throw new URISyntaxException(url, "no host");
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + masked(url) + " (" + e.getReason() + ")");
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public static final class Builder {
        private final String url;
        private String user = "";
        private String password = "";
        private int poolSize = DEFAULT_POOL_SIZE;
        private Duration lease = DEFAULT_LEASE;
        private Duration answerTimeout = DEFAULT_ANSWER_TIMEOUT;
        private String instanceId = defaultInstanceId();
        private Clock clock = Clock.systemUTC();

        private Builder(String url) {
            this.url = url;
        }

        public Builder user(String value) { user = value; return this; }
        public Builder password(String value) { password = value; return this; }
        public Builder poolSize(int value) { poolSize = value; return this; }
        public Builder lease(Duration value) { lease = value; return this; }
        public Builder answerTimeout(Duration value) { answerTimeout = value; return this; }
        public Builder instanceId(String value) { instanceId = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }

        public PostgresSettings build() {
            return new PostgresSettings(url, user, password, poolSize, lease, answerTimeout, instanceId, clock);
        }

        /** {@code pid@host}: unique among running instances, readable in the database. */
        private static String defaultInstanceId() {
            String host = System.getenv().getOrDefault("HOSTNAME", "localhost");
            return ProcessHandle.current().pid() + "@" + host;
        }
    }
}
