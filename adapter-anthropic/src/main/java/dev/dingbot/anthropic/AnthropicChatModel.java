package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.text.Redaction;
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
import java.util.List;
import java.util.Locale;

/**
 * {@link ChatModel} over {@code POST /v1/messages}, streamed or not, with classified failures and retries. A failure's
 * message leaves here with the API key and the proxy's password masked, since servers and proxies echo requests
 * back in their errors.
 */
final class AnthropicChatModel implements ChatModel {

    /** The API version this adapter speaks; the Messages API has had no other. */
    static final String API_VERSION = "2023-06-01";

    private static final Logger log = LoggerFactory.getLogger(AnthropicChatModel.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final AnthropicSettings settings;
    private final OkHttpClient client;
    private final MessagesBody bodies;
    private final AnthropicRetrier retrier;
    private final ClaudeTokenEstimate tokens = new ClaudeTokenEstimate();
    private final List<String> secrets;

    private AnthropicChatModel(AnthropicSettings settings, OkHttpClient client) {
        this.settings = settings;
        this.client = client;
        this.bodies = new MessagesBody(settings);
        this.retrier = new AnthropicRetrier(settings.retry());
        this.secrets = List.of(settings.apiKey(), AnthropicHttp.proxyPassword(settings.proxy()));
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
                .header("x-api-key", settings.apiKey())
                .header("anthropic-version", API_VERSION)
                // From bytes, so that the content type stays exactly application/json (no charset appended).
                .post(RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON))
                .build();
    }

    private AnthropicRetrier.Attempt<ChatResult> attempt(String what, Request request, ChatListener listener) {
        MessagesAnswer answer = new MessagesAnswer(settings.model(), listener);
        Response response = null;
        try {
            response = client.newCall(request).execute();
            if (!response.isSuccessful()) return failed(answer, reported(what, failureOf(response), response));
            if (isEventStream(response)) {
                var reader = new EventStreamReader(response.body().source());
                String data;
                while ((data = reader.next()) != null) {
                    if (!answer.onEvent(data)) break;
                }
            } else {
                JsonNode root = AnthropicJson.parseOrNull(response.body().string());
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
        return AnthropicRetrier.Attempt.success(answer.result());
    }

    private static AnthropicRetrier.Attempt<ChatResult> failed(MessagesAnswer answer, AnthropicFailure failure) {
        return new AnthropicRetrier.Attempt<>(answer.failedResult(failure), failure, !answer.delivered());
    }

    /** Reads an error answer's body (never throws) and classifies it. */
    private static AnthropicFailure failureOf(Response response) {
        String body;
        try {
            body = response.body().string();
        } catch (IOException e) {
            body = "";
        }
        return AnthropicFailure.fromHttp(response.code(), body, AnthropicRetrier.retryAfter(response.headers()),
                AnthropicRetrier.shouldRetry(response.headers()));
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
