package dev.dingbot.modelhttp;

import dev.dingbot.core.text.Redaction;
import okhttp3.Authenticator;
import okhttp3.Credentials;

import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A proxy URL ({@code http://}, {@code https://}, {@code socks5://}, optional {@code user:pass@}) turned into what
 * OkHttp needs. An {@code https://} proxy is spoken to as an HTTP CONNECT proxy (OkHttp has no TLS-to-proxy).
 */
public record ProxySpec(Proxy proxy, String user, String password) {

    public static ProxySpec parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proxy is not a URL: " + Redaction.userInfo(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) throw new IllegalArgumentException("proxy has no host: " + Redaction.userInfo(url));
        Proxy.Type type = switch (scheme) {
            case "http", "https" -> Proxy.Type.HTTP;
            case "socks5", "socks5h", "socks" -> Proxy.Type.SOCKS;
            default -> throw new IllegalArgumentException("proxy scheme must be http, https or socks5: "
                    + Redaction.userInfo(url));
        };
        int port = uri.getPort() != -1 ? uri.getPort() : type == Proxy.Type.SOCKS ? 1080 : "https".equals(scheme) ? 443 : 80;
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        var address = InetSocketAddress.createUnresolved(uri.getHost(), port);
        return new ProxySpec(new Proxy(type, address), user, password);
    }

    public boolean hasCredentials() {
        return !user.isEmpty();
    }

    public boolean isSocks() {
        return proxy.type() == Proxy.Type.SOCKS;
    }

    /** Answers an HTTP proxy's 407 challenge with Basic credentials, once. */
    public Authenticator httpAuthenticator() {
        String header = Credentials.basic(user, password, StandardCharsets.UTF_8);
        return (route, response) -> response.request().header("Proxy-Authorization") != null ? null
                : response.request().newBuilder().header("Proxy-Authorization", header).build();
    }

    /**
     * The JDK's SOCKS5 client asks the process-wide {@link java.net.Authenticator} for credentials; there is no
     * per-socket hook. We install one that answers only for the proxies registered here and defers to whatever
     * authenticator was set before for everything else.
     */
    public void registerSocksCredentials() {
        var address = (InetSocketAddress) proxy.address();
        SocksCredentials.register(address.getHostString(), address.getPort(),
                new PasswordAuthentication(user, password.toCharArray()));
    }

    private static final class SocksCredentials extends java.net.Authenticator {
        private static final Map<String, PasswordAuthentication> BY_PROXY = new ConcurrentHashMap<>();
        private static volatile boolean installed;
        private final java.net.Authenticator previous;

        private SocksCredentials(java.net.Authenticator previous) {
            this.previous = previous;
        }

        static synchronized void register(String host, int port, PasswordAuthentication credentials) {
            BY_PROXY.put(host.toLowerCase(Locale.ROOT) + ":" + port, credentials);
            if (!installed) {
                java.net.Authenticator.setDefault(new SocksCredentials(java.net.Authenticator.getDefault()));
                installed = true;
            }
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestingProtocol() != null && getRequestingProtocol().startsWith("SOCKS")) {
                var found = BY_PROXY.get(getRequestingHost().toLowerCase(Locale.ROOT) + ":" + getRequestingPort());
                if (found != null) return found;
            }
            if (previous == null) return null;
            return previous.requestPasswordAuthenticationInstance(getRequestingHost(), getRequestingSite(),
                    getRequestingPort(), getRequestingProtocol(), getRequestingPrompt(), getRequestingScheme(),
                    getRequestingURL(), getRequestorType());
        }
    }
}
