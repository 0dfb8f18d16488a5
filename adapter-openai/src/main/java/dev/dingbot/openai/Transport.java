package dev.dingbot.openai;

import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.provider.KeyPool;
import dev.dingbot.core.provider.PooledKey;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.ErrorBodies;
import dev.dingbot.modelhttp.ProxySpec;
import dev.dingbot.modelhttp.Retrier;
import dev.dingbot.modelhttp.StreamCall;
import dev.dingbot.modelhttp.StreamClient;
import dev.dingbot.openai.spi.OpenAiWire;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Sends requests for one wire, authenticated with the keys of its pool in turn, and turns failures into classified
 * values, logging them. A failure's message leaves here with what this transport authenticates with masked (every
 * key in the wire's headers, the proxy's password), since servers and proxies echo requests back in their errors.
 */
final class Transport {

    private static final Logger log = LoggerFactory.getLogger(Transport.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** Logged where no answer came, so no request id. */
    static final String NO_REQUEST_ID = "-";

    final OkHttpClient client;
    private final StreamClient streams;
    final OpenAiWire wire;
    /** Null when the server takes no key (a local server). */
    private final KeyPool keys;
    private final List<String> secrets;

    /**
     * @param streams where streamed answers are read without a thread each, or null to stream them on OkHttp
     *                (through a proxy)
     */
    Transport(OkHttpClient client, StreamClient streams, OpenAiWire wire, OpenAiSettings settings) {
        this.client = client;
        this.streams = streams;
        this.wire = wire;
        this.keys = settings.apiKeys().isEmpty() ? null
                : new KeyPool(wire.provider(), settings.apiKeys(), settings.keyPool());
        List<String> known = new ArrayList<>();
        for (PooledKey key : keys()) {
            known.add(key.secret());
            known.addAll(wire.authHeaders(key.secret()).values());
        }
        if (!settings.proxy().isEmpty()) known.add(ProxySpec.parse(settings.proxy()).password());
        this.secrets = List.copyOf(known);
    }

    /** Every key of the pool; empty when the server takes none. */
    List<PooledKey> keys() {
        return keys == null ? List.of() : keys.all();
    }

    Request post(OpenAiWire.Endpoint endpoint, String json, boolean stream) {
        var builder = new Request.Builder().url(wire.url(endpoint)).post(RequestBody.create(json, JSON));
        if (stream) builder.header("Accept", "text/event-stream");
        return builder.build();
    }

    Request get(OpenAiWire.Endpoint endpoint) {
        return new Request.Builder().url(wire.url(endpoint)).get().build();
    }

    /**
     * Sends the request with the pool's next key. A key the server refuses (401, insufficient quota, 402) while
     * another is usable is benched and the request sent again at once with the next key, before any of the
     * answer is read, so also for a stream. That resend is not one of the {@link Retrier}'s retries and does not
     * use up their budget: the spec's rule "never retry 401/402/insufficient_quota" is about the same request with
     * the same credentials, which cannot succeed; another key is another account's answer, it waits for nothing,
     * and the pool bounds it to one send per key. The user is answered while one key works.
     */
    Response send(Request request) throws IOException {
        if (keys == null) return client.newCall(request).execute();
        return keys.send(key -> sendWith(key, request), this::keyRefusal);
    }

    /** Whether {@link #streamAsync} reads streams without a thread each; else they stream on OkHttp. */
    boolean streamsAsync() {
        return streams != null;
    }

    /** Where an answer read by {@link #streamAsync} finishes: threads that may block. */
    Executor answers() {
        return streams.answers();
    }

    /**
     * Posts the JSON for a streamed answer with the pool's next key, read into {@code answer} as it arrives; a key
     * the server refuses is benched and the request sent again with the next, as {@link #send} does. What was heard
     * is not reported yet.
     */
    CompletableFuture<StreamCall.Heard<Failure>> streamAsync(String json, AnswerGatherer answer) {
        String url = wire.url(OpenAiWire.Endpoint.CHAT_COMPLETIONS);
        var read = new StreamedCompletion(answer);
        if (keys == null) return streams.post(url, Map.of(), json, read);
        return keys.sendAsync(key -> streams.post(url, wire.authHeaders(key.secret()), json, read),
                heard -> heard.failure() == null ? null : refusal(heard.failure()));
    }

    /** The request with this key, once: for probing each key. */
    Response sendWith(PooledKey key, Request request) throws IOException {
        var builder = request.newBuilder();
        wire.authHeaders(key.secret()).forEach(builder::header);
        return client.newCall(builder.build()).execute();
    }

    /** Why the answer refuses the key it was sent with (masked), or null when it does not. */
    private String keyRefusal(Response response) {
        if (response.isSuccessful()) return null;
        return refusal(Failure.fromHttp(response.code(), ErrorBodies.peek(response), null, null));
    }

    /** Why the failure refuses the key (masked), or null when it is about something else. */
    private String refusal(Failure failure) {
        if (!refusesKey(failure)) return null;
        return "HTTP " + failure.httpStatus() + " " + failure.status() + " ("
                + Redaction.secrets(failure.message(), secrets) + ")";
    }

    /** Whether the failure is about the key: its credentials, or its account's quota. */
    static boolean refusesKey(Failure failure) {
        return failure.status() == ChatStatus.AUTH_FAILED || failure.status() == ChatStatus.QUOTA_EXHAUSTED;
    }

    /** Reads an error answer's body (never throws), classifies it and {@linkplain #reported reports} it. */
    Failure failureOf(String what, Response response) {
        return reported(what, failureOf(response), response);
    }

    /** Reads an error answer's body (never throws) and classifies it, unreported. */
    static Failure failureOf(Response response) {
        return httpFailure(response.code(), ErrorBodies.read(response), response.headers()::get);
    }

    /** An error answer classified by its status, body and headers ({@code headers} looks one up by name). */
    static Failure httpFailure(int status, String body, Function<String, String> headers) {
        return Failure.fromHttp(status, body, RateLimitHeaders.retryAfter(headers), Retrier.shouldRetry(headers));
    }

    /** The failure with the secrets masked in its message, logged at WARN with status, code and request id. */
    Failure reported(String what, Failure failure, Response response) {
        return reported(what, failure, requestId(response.headers()::get));
    }

    Failure reported(String what, Failure failure, String requestId) {
        Failure masked = failure.withMessage(Redaction.secrets(failure.message(), secrets));
        log.warn("{} failed: {}{} code={} request-id={} ({})", what,
                masked.httpStatus() > 0 ? "HTTP " + masked.httpStatus() + " " : "", masked.status(),
                masked.code().isEmpty() ? "-" : masked.code(), requestId, masked.message());
        return masked;
    }

    static String requestId(Function<String, String> headers) {
        String id = headers.apply("x-request-id");
        if (id == null) id = headers.apply("apim-request-id");
        return id == null ? NO_REQUEST_ID : id;
    }

    static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json");
    }
}
