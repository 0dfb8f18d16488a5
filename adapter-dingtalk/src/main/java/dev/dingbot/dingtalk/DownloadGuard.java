package dev.dingbot.dingtalk;

import dev.dingbot.core.net.PublicAddresses;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a download URL handed out by DingTalk may lead: {@code https} to public addresses only, every address of
 * the name checked when it is resolved for the connection (so it cannot resolve elsewhere between check and
 * connect), no redirects. The configured API hosts are trusted as they are (scheme, host and port exactly), which
 * is how tests point the bot at a fake on loopback.
 */
final class DownloadGuard {

    private final List<HttpUrl> configured;
    private final OkHttpClient trusted;
    private final OkHttpClient guarded;

    DownloadGuard(OkHttpClient http, String... configuredHosts) {
        this.configured = Arrays.stream(configuredHosts).map(HttpUrl::get).toList();
        this.trusted = http.newBuilder().followRedirects(false).followSslRedirects(false).build();
        Dns resolver = http.dns();
        this.guarded = trusted.newBuilder().dns(host -> publicOnly(host, resolver.lookup(host))).build();
    }

    /** The client to fetch {@code url} with; empty when it must not be fetched at all. */
    Optional<OkHttpClient> clientFor(HttpUrl url) {
        if (configured.stream().anyMatch(c -> sameOrigin(c, url))) return Optional.of(trusted);
        if (!url.isHttps()) return Optional.empty();
        // okhttp connects to an IP literal without asking the Dns
        InetAddress literal = literal(url.host());
        if (literal != null && !PublicAddresses.isPublic(literal)) return Optional.empty();
        return Optional.of(guarded);
    }

    private static List<InetAddress> publicOnly(String host, List<InetAddress> addresses) throws UnknownHostException {
        for (InetAddress address : addresses) {
            if (!PublicAddresses.isPublic(address)) {
                throw new UnknownHostException(host + " resolves to an address that is not public; not downloaded");
            }
        }
        return addresses;
    }

    private static InetAddress literal(String host) {
        boolean v6 = host.indexOf(':') >= 0;
        if (!v6 && !host.matches("[0-9.]+")) return null;
        try {
            return InetAddress.getByName(v6 ? "[" + host + "]" : host); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress(); // unparseable: treat as not public
        }
    }

    private static boolean sameOrigin(HttpUrl a, HttpUrl b) {
        return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
    }
}
