package dev.dingbot.openai;

import dev.dingbot.core.model.Balance;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.core.provider.PooledKey;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.HttpClients;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.StreamClient;
import dev.dingbot.openai.spi.OpenAiWire;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The models of one OpenAI-compatible server, sharing one HTTP client. Close it at shutdown to release connections
 * and threads.
 */
public final class OpenAiProvider implements AutoCloseable {

    static final String NO_BALANCE_API = "OpenAI 及兼容服务的 API 密钥查不到账户余额，请到服务商的控制台查看用量和余额。";

    /**
     * The outcome of {@link #probe()}: whether the server answered with our key, what it said, and the model ids
     * it lists (empty when it lists none).
     */
    public record ProbeResult(Outcome outcome, String message, List<String> models) {

        /**
         * ANSWERED: the key was taken; REJECTED: the server answered with an error; REFUSED: nothing listens at
         * the host's port; UNREACHABLE: the host was not reached or did not answer in time (DNS, route, proxy).
         */
        public enum Outcome { ANSWERED, REJECTED, REFUSED, UNREACHABLE }

        public ProbeResult {
            models = List.copyOf(models);
        }

        public boolean ok() {
            return outcome == Outcome.ANSWERED;
        }
    }

    private final OpenAiSettings settings;
    private final OkHttpClient client;
    private final StreamClient streams;
    private final Transport transport;
    private final ChatModel chatModel;
    private final ImageModel imageModel;
    private final BalanceSource balanceSource;

    private OpenAiProvider(OpenAiSettings settings, OpenAiWire wire) {
        if (HttpUrl.parse(settings.apiBase()) == null) {
            throw new IllegalArgumentException("the base URL must be an http:// or https:// URL: "
                    + Redaction.userInfo(settings.baseUrl()));
        }
        this.settings = settings;
        this.client = HttpClients.create(settings.timeouts(), settings.maxConcurrentStreams(), settings.proxy());
        this.streams = settings.proxy().isEmpty() ? new StreamClient(settings.timeouts()) : null;
        this.transport = new Transport(client, streams, wire, settings);
        this.chatModel = new OpenAiChatModel(settings, transport);
        this.imageModel = new OpenAiImageModel(settings, transport);
        this.balanceSource = wire instanceof BearerWire ? bearerBalance() : BalanceSource.UNSUPPORTED;
    }

    /** A provider for OpenAI or any compatible server, authenticated by a Bearer key. */
    public static OpenAiProvider create(OpenAiSettings settings) {
        return new OpenAiProvider(settings, new BearerWire(settings));
    }

    /**
     * A provider on another wire (Azure OpenAI): the settings give model names, limits, timeouts, retries and the
     * proxy; the wire gives the URLs and the authentication. Such providers report no balance.
     */
    public static OpenAiProvider create(OpenAiSettings settings, OpenAiWire wire) {
        return new OpenAiProvider(settings, Objects.requireNonNull(wire, "wire"));
    }

    public ChatModel chatModel() {
        return chatModel;
    }

    public ImageModel imageModel() {
        return imageModel;
    }

    public BalanceSource balanceSource() {
        return balanceSource;
    }

    /** Asks {@code GET /models} once (no retries): reachability, key and whether the configured model is listed. */
    public ProbeResult probe() {
        Request request = transport.get(OpenAiWire.Endpoint.MODELS);
        try (Response response = transport.send(request)) {
            if (!response.isSuccessful()) {
                Failure failure = transport.failureOf("probe", response);
                return new ProbeResult(ProbeResult.Outcome.REJECTED, failure.status() + ": " + failure.message(),
                        List.of());
            }
            var root = Json.parseOrNull(response.body().string());
            List<String> models = new ArrayList<>();
            if (root != null) root.path("data").forEach(m -> models.add(m.path("id").asText("")));
            models.removeIf(String::isEmpty);
            boolean listed = models.contains(settings.model());
            return new ProbeResult(ProbeResult.Outcome.ANSWERED, "reachable, " + models.size() + " models listed; "
                    + "model " + settings.model() + (listed ? " is listed"
                    : " is not in the list (deployments and some servers do not list it)"), models);
        } catch (ConnectException e) {
            String at = request.url().host() + ":" + request.url().port();
            return new ProbeResult(ProbeResult.Outcome.REFUSED, "connection refused "
                    + (settings.proxy().isEmpty() ? "at " + at : "by the proxy or at " + at)
                    + ": nothing listens there", List.of());
        } catch (IOException e) {
            Failure failure = transport.reported("probe", Failure.fromIo(e), Transport.NO_REQUEST_ID);
            return new ProbeResult(ProbeResult.Outcome.UNREACHABLE, request.url().host() + " not reachable: "
                    + failure.message(), List.of());
        }
    }

    /**
     * Asks {@code GET /models} once with each key, for {@code check}: works, refused (credentials, or a quota the
     * server checks there; OpenAI lists models for a key out of quota), or no verdict. Empty when the server takes
     * no key. The pool's benches are left as they are.
     */
    public List<KeyProbe> probeKeys() {
        Request request = transport.get(OpenAiWire.Endpoint.MODELS);
        List<KeyProbe> probes = new ArrayList<>();
        for (PooledKey key : transport.keys()) {
            try (Response response = transport.sendWith(key, request)) {
                if (response.isSuccessful()) {
                    probes.add(new KeyProbe(key.shown(), KeyProbe.Verdict.WORKS, "HTTP " + response.code()));
                    continue;
                }
                Failure failure = transport.failureOf("key probe " + key, response);
                probes.add(new KeyProbe(key.shown(), Transport.refusesKey(failure) ? KeyProbe.Verdict.REFUSED
                        : KeyProbe.Verdict.FAILED, failure.status() + ": " + failure.message()));
            } catch (IOException e) {
                Failure failure = transport.reported("key probe " + key, Failure.fromIo(e), Transport.NO_REQUEST_ID);
                probes.add(new KeyProbe(key.shown(), KeyProbe.Verdict.FAILED, failure.status() + ": " + failure.message()));
            }
        }
        return probes;
    }

    private BalanceSource bearerBalance() {
        boolean deepSeek = switch (settings.balanceApi()) {
            case DEEPSEEK -> true;
            case NONE -> false;
            case AUTO -> HttpUrl.get(settings.apiBase()).host().toLowerCase(Locale.ROOT).equals("api.deepseek.com");
        };
        if (deepSeek) return new DeepSeekBalance(transport, settings.apiBase());
        return () -> new Balance.Unsupported(NO_BALANCE_API);
    }

    @Override
    public void close() {
        if (streams != null) streams.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OpenAiProvider[" + settings + "]";
    }
}
