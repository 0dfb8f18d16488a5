package dev.dingbot.modelhttp;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.util.concurrent.TimeUnit;

/**
 * Builds the one OkHttpClient a provider shares across all its calls: the timeouts, as many connections as calls
 * may run at once, and the proxy ({@link ProxySpec}).
 */
public final class HttpClients {

    private HttpClients() {
    }

    /**
     * @param maxConcurrentCalls how many calls may run at once towards the server
     * @param proxy              a proxy URL, or "" for none
     */
    public static OkHttpClient create(Timeouts timeouts, int maxConcurrentCalls, String proxy) {
        // Calls run synchronously on the bot's lanes; the dispatcher is sized anyway so that no async use (or a
        // future one) queues the 6th user behind OkHttp's default of 5 per host.
        var dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(maxConcurrentCalls);
        dispatcher.setMaxRequestsPerHost(maxConcurrentCalls);
        var builder = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(Math.min(maxConcurrentCalls, 32), 90, TimeUnit.SECONDS))
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.idleRead())
                .writeTimeout(timeouts.idleRead())
                .callTimeout(timeouts.overall())
                .retryOnConnectionFailure(true);
        if (!proxy.isEmpty()) {
            var spec = ProxySpec.parse(proxy);
            builder.proxy(spec.proxy());
            if (spec.hasCredentials()) {
                if (spec.isSocks()) {
                    spec.registerSocksCredentials();
                } else {
                    builder.proxyAuthenticator(spec.httpAuthenticator());
                }
            }
        }
        return builder.build();
    }
}
