package dev.dingbot.anthropic;

import dev.dingbot.core.text.Redaction;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The one OkHttpClient a provider shares across its calls: the settings' timeouts, as many connections as calls
 * may run at once, and the proxy. An {@code https://} proxy is spoken to as an HTTP CONNECT proxy; credentials are
 * taken for HTTP proxies only (the JDK asks a process-wide authenticator for SOCKS ones).
 */
final class AnthropicHttp {

    private AnthropicHttp() {
    }

    static OkHttpClient client(AnthropicSettings settings) {
        var timeouts = settings.timeouts();
        // Calls run synchronously on the bot's lanes; sized anyway so that no async use queues behind OkHttp's 5 per host.
        var dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(settings.maxConcurrentStreams());
        dispatcher.setMaxRequestsPerHost(settings.maxConcurrentStreams());
        var builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(Math.min(settings.maxConcurrentStreams(), 32), 90, TimeUnit.SECONDS))
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.idleRead())
                .writeTimeout(timeouts.idleRead())
                .callTimeout(timeouts.overall())
                .retryOnConnectionFailure(true);
        if (!settings.proxy().isEmpty()) useProxy(builder, settings.proxy());
        return builder.build();
    }

    /** The proxy's password, or "" when it has none: masked in failure messages. */
    static String proxyPassword(String url) {
        if (url.isEmpty()) return "";
        String userInfo = URI.create(url).getRawUserInfo();
        if (userInfo == null || !userInfo.contains(":")) return "";
        return URLDecoder.decode(userInfo.substring(userInfo.indexOf(':') + 1), StandardCharsets.UTF_8);
    }

    private static void useProxy(OkHttpClient.Builder builder, String url) {
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
        builder.proxy(new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), port)));
        if (uri.getRawUserInfo() == null) return;
        if (type == Proxy.Type.SOCKS) {
            throw new IllegalArgumentException("a SOCKS proxy with credentials is not supported for Anthropic; use an "
                    + "http:// proxy or one without credentials: " + Redaction.userInfo(url));
        }
        String[] parts = uri.getRawUserInfo().split(":", 2);
        String header = Credentials.basic(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "", StandardCharsets.UTF_8);
        builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null ? null
                : response.request().newBuilder().header("Proxy-Authorization", header).build());
    }
}
