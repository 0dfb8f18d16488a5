package dev.dingbot.anthropic;

import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.HttpClients;
import dev.dingbot.modelhttp.ProxySpec;
import okhttp3.OkHttpClient;

/**
 * The one OkHttpClient a provider shares across its calls, set up as the OpenAI adapter's is; but credentials are
 * taken for HTTP proxies only (the JDK asks a process-wide authenticator for SOCKS ones).
 */
final class AnthropicHttp {

    private AnthropicHttp() {
    }

    static OkHttpClient client(AnthropicSettings settings) {
        if (!settings.proxy().isEmpty()) {
            var proxy = ProxySpec.parse(settings.proxy());
            if (proxy.isSocks() && proxy.hasCredentials()) {
                throw new IllegalArgumentException("a SOCKS proxy with credentials is not supported for Anthropic; use "
                        + "an http:// proxy or one without credentials: " + Redaction.userInfo(settings.proxy()));
            }
        }
        return HttpClients.create(settings.timeouts(), settings.maxConcurrentStreams(), settings.proxy());
    }

    /** The proxy's password, or "" when it has none: masked in failure messages. */
    static String proxyPassword(String url) {
        return url.isEmpty() ? "" : ProxySpec.parse(url).password();
    }
}
