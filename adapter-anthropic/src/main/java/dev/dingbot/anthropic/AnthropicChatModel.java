package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.provider.KeyPool;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.core.provider.PooledKey;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.ErrorBodies;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.Retrier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link ChatModel} over {@code POST /v1/messages}, streamed or not, with classified failures and retries, and the
 * keys of a {@link KeyPool} in turn. A failure's message leaves here with the API keys and the proxy's password
 * masked, since servers and proxies echo requests back in their errors.
 */
final class AnthropicChatModel implements ChatModel {

    /** The API version this adapter speaks; the Messages API has had no other. */
    static final String API_VERSION = "2023-06-01";

    private static final Logger log = LoggerFactory.getLogger(AnthropicChatModel.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final AnthropicSettings settings;
    private final OkHttpClient client;
    private final MessagesBody bodies;
    private final Retrier retrier;
    private final ClaudeTokenEstimate tokens = new ClaudeTokenEstimate();
    private final List<String> secrets;
    /** Null when no key is set: requests go without one, and the API refuses them. */
    private final KeyPool keys;

    private AnthropicChatModel(AnthropicSettings settings, OkHttpClient client) {
        this.settings = settings;
        this.client = client;
        this.bodies = new MessagesBody(settings);
        this.retrier = new Retrier(settings.retry());
        List<String> known = new ArrayList<>(settings.apiKeys());
        known.add(AnthropicHttp.proxyPassword(settings.proxy()));
        this.secrets = List.copyOf(known);
        this.keys = settings.apiKeys().isEmpty() ? null : new KeyPool("Anthropic", settings.apiKeys(), settings.keyPool());
    }

    /** A model on an HTTP client of its own, made for these settings; {@link #close()} releases it. */
    static AnthropicChatModel open(AnthropicSettings settings) {
        if (HttpUrl.parse(settings.messagesUrl()) == null) {
            throw new IllegalArgumentException("the base URL must be an http:// or https:// URL: "
                    + Redaction.userInfo(settings.baseUrl()));
        }
        return new AnthropicChatModel(settings, AnthropicHttp.client(settings));
    }

    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Override
    public String modelName() {
        return settings.model();
    }

    @Override
    public ChatResult complete(ChatRequest request) {
        return ask(request, false, null);
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        return ask(request, true, listener == null ? ChatListener.IGNORE : listener);
    }

    @Override
    public int countTokens(List<ChatTurn> turns) {
        return tokens.count(turns);
    }

    private ChatResult ask(ChatRequest request, boolean stream, ChatListener listener) {
        String body = bodies.encode(request, stream);
        String what = stream ? "messages stream" : "messages";
        return retrier.run(what, () -> attempt(what, post(body), listener));
    }

    private Request post(String json) {
        return new Request.Builder().url(settings.messagesUrl())
                .header("anthropic-version", API_VERSION)
                // From bytes, so that the content type stays exactly application/json (no charset appended).
                .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON))
                .build();
    }

    private Retrier.Attempt<ChatResult, AnthropicFailure> attempt(String what, Request request, ChatListener listener) {
        MessagesAnswer answer = new MessagesAnswer(settings.model(), listener);
        Response response = null;
        try {
            response = send(request);
            if (!response.isSuccessful()) return failed(answer, reported(what, failureOf(response), response));
            if (isEventStream(response)) {
                var reader = new EventStreamReader(response.body().source());
                String data;
                while ((data = reader.next()) != null) {
                    if (!answer.onEvent(data)) break;
                }
            } else {
                JsonNode root = Json.parseOrNull(response.body().string());
                if (root == null) {
                    return failed(answer, reported(what, AnthropicFailure.of(ChatStatus.SERVER_ERROR, "the answer is not JSON"), response));
                }
                answer.onMessage(root);
            }
        } catch (IOException e) {
            return failed(answer, reported(what, AnthropicFailure.fromIo(e), response));
        } finally {
            if (response != null) response.close();
        }
        AnthropicFailure failure = answer.failure();
        if (failure != null) return failed(answer, reported(what, failure, response));
        return Retrier.Attempt.success(answer.result());
    }

    /**
     * Sends the request with the pool's next key. A key the API refuses (401, a credit balance too low, 402) while
     * another is usable is benched and the request sent again at once with the next key, before any of the answer
     * is read, so also for a stream. That resend is not one of the retrier's retries and does not use up their
     * budget: a refused key is never retried as such, another key is another account's answer, it waits for
     * nothing, and the pool bounds it to one send per key.
     */
    private Response send(Request request) throws IOException {
        if (keys == null) return client.newCall(request).execute();
        return keys.send(key -> sendWith(key, request), this::keyRefusal);
    }

    private Response sendWith(PooledKey key, Request request) throws IOException {
        return client.newCall(request.newBuilder().header("x-api-key", key.secret()).build()).execute();
    }

    /** Why the answer refuses the key it was sent with (masked), or null when it does not. */
    private String keyRefusal(Response response) {
        if (response.isSuccessful()) return null;
        String body = ErrorBodies.peek(response);
        AnthropicFailure failure = AnthropicFailure.fromHttp(response.code(), body, null, null);
        if (!refusesKey(failure)) return null;
        return "HTTP " + response.code() + " " + failure.status() + " ("
                + Redaction.secrets(failure.message(), secrets) + ")";
    }

    private static boolean refusesKey(AnthropicFailure failure) {
        return failure.status() == ChatStatus.AUTH_FAILED || failure.status() == ChatStatus.QUOTA_EXHAUSTED;
    }

    /**
     * Asks {@code GET /v1/models} once with each key: works, refused (its credentials; the models are listed for a
     * key out of credit too), or no verdict. The pool's benches are left as they are.
     */
    List<KeyProbe> probeKeys() {
        Request request = new Request.Builder().url(settings.modelsUrl()).header("anthropic-version", API_VERSION)
                .get().build();
        List<KeyProbe> probes = new ArrayList<>();
        for (PooledKey key : keys == null ? List.<PooledKey>of() : keys.all()) {
            String what = "key probe " + key;
            try (Response response = sendWith(key, request)) {
                if (response.isSuccessful()) {
                    probes.add(new KeyProbe(key.shown(), KeyProbe.Verdict.WORKS, "HTTP " + response.code()));
                    continue;
                }
                AnthropicFailure failure = reported(what, failureOf(response), response);
                probes.add(new KeyProbe(key.shown(), refusesKey(failure) ? KeyProbe.Verdict.REFUSED
                        : KeyProbe.Verdict.FAILED, failure.status() + ": " + failure.message()));
            } catch (IOException e) {
                AnthropicFailure failure = reported(what, AnthropicFailure.fromIo(e), null);
                probes.add(new KeyProbe(key.shown(), KeyProbe.Verdict.FAILED, failure.status() + ": " + failure.message()));
            }
        }
        return probes;
    }

    private static Retrier.Attempt<ChatResult, AnthropicFailure> failed(MessagesAnswer answer, AnthropicFailure failure) {
        return new Retrier.Attempt<>(answer.failedResult(failure), failure, !answer.delivered());
    }

    /** Reads an error answer's body (never throws) and classifies it. */
    private static AnthropicFailure failureOf(Response response) {
        String body = ErrorBodies.read(response);
        return AnthropicFailure.fromHttp(response.code(), body, Retrier.retryAfter(response.headers()::get),
                Retrier.shouldRetry(response.headers()::get));
    }

    /** The failure with the secrets masked in its message, logged at WARN with status, type and request id. */
    private AnthropicFailure reported(String what, AnthropicFailure failure, Response response) {
        AnthropicFailure masked = failure.withMessage(Redaction.secrets(failure.message(), secrets));
        String requestId = response == null ? null : response.header("request-id");
        log.warn("{} failed: {}{} type={} request-id={} ({})", what,
                masked.httpStatus() > 0 ? "HTTP " + masked.httpStatus() + " " : "", masked.status(),
                masked.type().isEmpty() ? "-" : masked.type(), requestId == null ? "-" : requestId, masked.message());
        return masked;
    }

    private static boolean isEventStream(Response response) {
        String type = response.header("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    @Override
    public String toString() {
        return "AnthropicChatModel[" + settings.model() + ", " + Redaction.userInfo(settings.messagesUrl()) + "]";
    }
}
