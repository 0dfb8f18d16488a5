package dev.dingbot.anthropic;

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
import dev.dingbot.modelhttp.ListenerRelay;
import dev.dingbot.modelhttp.Retrier;
import dev.dingbot.modelhttp.SseReader;
import dev.dingbot.modelhttp.StreamCall;
import dev.dingbot.modelhttp.StreamClient;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * {@link ChatModel} over {@code POST /v1/messages}, streamed or not, with classified failures and retries, and the
 * keys of a {@link KeyPool} in turn. Where no proxy is set a stream is read without a thread of its own, on a
 * {@link StreamClient}; through a proxy, and for every other call, the provider's OkHttp client is used. A failure's
 * message leaves here with the API keys and the proxy's password masked, since servers and proxies echo requests
 * back in their errors.
 */
final class AnthropicChatModel implements ChatModel {

    /** The API version this adapter speaks; the Messages API has had no other. */
    static final String API_VERSION = "2023-06-01";

    private static final Logger log = LoggerFactory.getLogger(AnthropicChatModel.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String STREAM = "messages stream";

    private final AnthropicSettings settings;
    private final OkHttpClient client;
    /** Null through a proxy: streams are read on {@link #client} then. */
    private final StreamClient streams;
    private final MessagesBody bodies;
    private final Retrier retrier;
    private final ClaudeTokenEstimate tokens = new ClaudeTokenEstimate();
    private final List<String> secrets;
    /** Null when no key is set: requests go without one, and the API refuses them. */
    private final KeyPool keys;

    private AnthropicChatModel(AnthropicSettings settings, OkHttpClient client, StreamClient streams) {
        this.settings = settings;
        this.client = client;
        this.streams = streams;
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
        return new AnthropicChatModel(settings, AnthropicHttp.client(settings),
                settings.proxy().isEmpty() ? new StreamClient(settings.timeouts()) : null);
    }

    void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
        if (streams != null) streams.close();
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
        ChatListener heard = listener == null ? ChatListener.IGNORE : listener;
        if (streams != null) return ListenerRelay.stream(heard, queued -> streamAsync(request, queued));
        return ask(request, true, heard);
    }

    /** Read as it arrives where no proxy is set, else streamed on the calling thread. */
    @Override
    public CompletableFuture<ChatResult> streamAsync(ChatRequest request, ChatListener listener) {
        if (streams == null) return ChatModel.super.streamAsync(request, listener);
        ChatListener heard = listener == null ? ChatListener.IGNORE : listener;
        String body = bodies.encode(request, true);
        return retrier.lastAttemptAsync(STREAM, () -> {
            MessagesAnswer answer = new MessagesAnswer(settings.model(), heard);
            return postAsync(body, new MessagesStream(answer))
                    .thenApply(heardFirst -> concluded(STREAM, answer, heardFirst.failure(), heardFirst.requestId()));
        }, streams.answers()).thenApplyAsync(Retrier.Attempt::value, streams.answers());
    }

    /**
     * Posts a stream's body with the pool's next key, read as it arrives; a key the API refuses is benched and the
     * body sent again with the next, as {@link #send} does. What was heard is not reported yet.
     */
    private CompletableFuture<StreamCall.Heard<AnthropicFailure>> postAsync(String json, MessagesStream read) {
        String url = settings.messagesUrl();
        if (keys == null) return streams.post(url, Map.of("anthropic-version", API_VERSION), json, read);
        return keys.sendAsync(key -> streams.post(url,
                        Map.of("anthropic-version", API_VERSION, "x-api-key", key.secret()), json, read),
                heard -> heard.failure() == null ? null : refusal(heard.failure()));
    }

    @Override
    public int countTokens(List<ChatTurn> turns) {
        return tokens.count(turns);
    }

    private ChatResult ask(ChatRequest request, boolean stream, ChatListener listener) {
        String body = bodies.encode(request, stream);
        String what = stream ? STREAM : "messages";
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
        MessagesStream read = new MessagesStream(answer);
        Response response = null;
        try {
            response = send(request);
            Function<String, String> headers = response.headers()::get;
            String requestId = MessagesStream.requestIdIn(headers);
            if (!response.isSuccessful()) {
                return concluded(what, answer, read.httpFailure(response.code(), ErrorBodies.read(response), headers),
                        requestId);
            }
            if (read.isWhole(response.header("Content-Type"))) {
                return concluded(what, answer, read.whole(response.body().string()), requestId);
            }
            var reader = new SseReader(response.body().source());
            String data;
            while ((data = reader.next()) != null) {
                if (!read.onEvent(data)) break;
            }
            return concluded(what, answer, null, requestId);
        } catch (IOException e) {
            String requestId = response == null ? MessagesStream.NO_REQUEST_ID
                    : MessagesStream.requestIdIn(response.headers()::get);
            return concluded(what, answer, read.ioFailure(e), requestId);
        } finally {
            if (response != null) response.close();
        }
    }

    /**
     * The attempt made of what one request heard: the failure that ended it, else the answer's own outcome; a
     * failure is reported here (masked, logged) and keeps the text delivered before it. It may be tried again while
     * nothing reached the listener.
     */
    private Retrier.Attempt<ChatResult, AnthropicFailure> concluded(String what, MessagesAnswer answer,
                                                                    AnthropicFailure heard, String requestId) {
        AnthropicFailure failure = heard == null ? answer.failure() : heard;
        if (failure == null) return Retrier.Attempt.success(answer.result());
        AnthropicFailure reported = reported(what, failure, requestId);
        return new Retrier.Attempt<>(answer.failedResult(reported), reported, !answer.delivered());
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
        return refusal(AnthropicFailure.fromHttp(response.code(), ErrorBodies.peek(response), null, null));
    }

    /** Why the failure refuses the key (masked), or null when it is about something else. */
    private String refusal(AnthropicFailure failure) {
        if (!refusesKey(failure)) return null;
        return "HTTP " + failure.httpStatus() + " " + failure.status() + " ("
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
                AnthropicFailure failure = reported(what, AnthropicFailure.fromHttp(response.code(),
                        ErrorBodies.read(response), response.headers()::get), MessagesStream.requestIdIn(response.headers()::get));
                probes.add(new KeyProbe(key.shown(), refusesKey(failure) ? KeyProbe.Verdict.REFUSED
                        : KeyProbe.Verdict.FAILED, failure.status() + ": " + failure.message()));
            } catch (IOException e) {
                AnthropicFailure failure = reported(what, AnthropicFailure.fromIo(e), MessagesStream.NO_REQUEST_ID);
                probes.add(new KeyProbe(key.shown(), KeyProbe.Verdict.FAILED, failure.status() + ": " + failure.message()));
            }
        }
        return probes;
    }

    /** The failure with the secrets masked in its message, logged at WARN with status, type and request id. */
    private AnthropicFailure reported(String what, AnthropicFailure failure, String requestId) {
        AnthropicFailure masked = failure.withMessage(Redaction.secrets(failure.message(), secrets));
        log.warn("{} failed: {}{} type={} request-id={} ({})", what,
                masked.httpStatus() > 0 ? "HTTP " + masked.httpStatus() + " " : "", masked.status(),
                masked.type().isEmpty() ? "-" : masked.type(), requestId, masked.message());
        return masked;
    }

    @Override
    public String toString() {
        return "AnthropicChatModel[" + settings.model() + ", " + Redaction.userInfo(settings.messagesUrl()) + "]";
    }
}
