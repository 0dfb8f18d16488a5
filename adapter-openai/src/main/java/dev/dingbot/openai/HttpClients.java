package dev.dingbot.openai;

import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.net.Proxy;
import java.util.concurrent.TimeUnit;

/** Builds the one OkHttpClient a provider shares across all its calls. */
final class HttpClients {

    private HttpClients() {
    }

    static OkHttpClient create(OpenAiSettings settings) {
        var timeouts = settings.timeouts();
        // Calls run synchronously on the bot's lanes; the dispatcher is sized anyway so that no async use (or a
        // future one) queues the 6th user behind OkHttp's default of 5 per host.
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
        if (!settings.proxy().isEmpty()) {
            var spec = ProxySpec.parse(settings.proxy());
            builder.proxy(spec.proxy());
            if (spec.hasCredentials()) {
                if (spec.proxy().type() == Proxy.Type.HTTP) {
                    builder.proxyAuthenticator(spec.httpAuthenticator());
                } else {
                    spec.registerSocksCredentials();
                }
            }
        }
        return builder.build();
    }
}
