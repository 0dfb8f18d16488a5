package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.ListenerRelay;
import dev.dingbot.modelhttp.Retrier;
import dev.dingbot.modelhttp.SseReader;
import dev.dingbot.modelhttp.StreamClient;
import dev.dingbot.openai.spi.OpenAiWire.Endpoint;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@link ChatModel} over {@code POST /chat/completions}, streamed or not, with classified failures and retries. A
 * server that refuses a request for its tools (400 or 422, and the same question without them goes through) is
 * asked without tools from then on: many compatible servers and local models take none.
 */
final class OpenAiChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final String STREAM = "chat stream";

    private final String model;
    private final Transport transport;
    private final ChatBodies bodies;
    private final Retrier retrier;
    private final TokenCounter tokens;
    private final AtomicBoolean takesNoTools = new AtomicBoolean();

    OpenAiChatModel(OpenAiSettings settings, Transport transport) {
        this.model = settings.model();
        this.transport = transport;
        this.bodies = new ChatBodies(settings, transport.wire.sendsUser());
        this.retrier = new Retrier(settings.retry());
        this.tokens = new TokenCounter(settings.model());
    }

    @Override
    public String modelName() {
        return model;
    }

    @Override
    public ChatResult complete(ChatRequest request) {
        return ask(request, plain -> CompletableFuture.completedFuture(send(plain, false, null))).join();
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        ChatListener heard = listener == null ? ChatListener.IGNORE : listener;
        if (transport.streamsAsync()) return ListenerRelay.stream(heard, queued -> streamAsync(request, queued));
        return ask(request, plain -> CompletableFuture.completedFuture(send(plain, true, heard))).join();
    }

    /** Read as it arrives where no proxy is set (see {@link StreamClient}), else streamed on the calling thread. */
    @Override
    public CompletableFuture<ChatResult> streamAsync(ChatRequest request, ChatListener listener) {
        if (!transport.streamsAsync()) return ChatModel.super.streamAsync(request, listener);
        ChatListener heard = listener == null ? ChatListener.IGNORE : listener;
        return ask(request, plain -> sendAsync(plain, heard)).thenApplyAsync(result -> result, transport.answers());
    }

    /**
     * The request as it is; when it offers tools and the server refuses them, at once again without. Each attempt
     * continues on the thread that completed the one before.
     */
    private CompletableFuture<ChatResult> ask(
            ChatRequest request, Function<ChatRequest, CompletableFuture<Retrier.Attempt<ChatResult, Failure>>> send) {
        if (!request.offersTools() || takesNoTools.get()) {
            return send.apply(request.withoutTools()).thenApply(Retrier.Attempt::value);
        }
        return send.apply(request).thenCompose(offered -> {
            if (!refusedAsBadRequest(offered.failure())) return CompletableFuture.completedFuture(offered.value());
            return send.apply(request.withoutTools()).thenApply(plain -> {
                if (plain.failure() == null && takesNoTools.compareAndSet(false, true)) {
                    log.warn("model {} at {} takes no tools: it refused them ({}) and answered without; it is asked "
                            + "without tools from now on", model,
                            Redaction.userInfo(transport.wire.url(Endpoint.CHAT_COMPLETIONS)),
                            offered.failure().message());
                }
                return plain.value();
            });
        });
    }

    private static boolean refusedAsBadRequest(Failure failure) {
        return failure != null && failure.status() == ChatStatus.BAD_REQUEST
                && (failure.httpStatus() == 400 || failure.httpStatus() == 422);
    }

    private Retrier.Attempt<ChatResult, Failure> send(ChatRequest request, boolean stream, ChatListener listener) {
        String body = bodies.encode(request, stream);
        String what = stream ? STREAM : "chat completion";
        return retrier.lastAttempt(what, () -> attempt(body, stream, listener));
    }

    /** Retried without a thread waiting in between: each attempt is sent once the wait is over. */
    private CompletableFuture<Retrier.Attempt<ChatResult, Failure>> sendAsync(ChatRequest request,
                                                                             ChatListener listener) {
        String body = bodies.encode(request, true);
        return retrier.lastAttemptAsync(STREAM, () -> {
            AnswerGatherer answer = new AnswerGatherer(model, listener);
            return transport.streamAsync(body, answer)
                    .thenApply(heard -> concluded(STREAM, answer, heard.failure(), heard.requestId()));
        }, transport.answers());
    }

    @Override
    public int countTokens(List<ChatTurn> turns) {
        return tokens.count(turns);
    }

    @Override
    public int tokenCeiling(List<ChatTurn> turns) {
        return tokens.ceiling(turns);
    }

    private Retrier.Attempt<ChatResult, Failure> attempt(String body, boolean stream, ChatListener listener) {
        AnswerGatherer answer = new AnswerGatherer(model, listener);
        String what = stream ? STREAM : "chat completion";
        Response response = null;
        try {
            response = transport.send(transport.post(Endpoint.CHAT_COMPLETIONS, body, stream));
            String requestId = Transport.requestId(response.headers()::get);
            if (!response.isSuccessful()) return concluded(what, answer, Transport.failureOf(response), requestId);
            if (stream && !Transport.isJson(response.header("Content-Type"))) {
                var reader = new SseReader(response.body().source());
                String data;
                while ((data = reader.next()) != null) {
                    if (!answer.onEvent(data)) break;
                }
            } else {
                // Some servers answer a stream request with one JSON body; DeepSeek may pad it with blank lines.
                JsonNode root = Json.parseOrNull(response.body().string());
                if (root == null) {
                    return concluded(what, answer, Failure.notJson(),
                            requestId);
                }
                answer.onCompletion(root);
            }
            return concluded(what, answer, null, requestId);
        } catch (IOException e) {
            String requestId = response == null ? Transport.NO_REQUEST_ID : Transport.requestId(response.headers()::get);
            return concluded(what, answer, Failure.fromIo(e), requestId);
        } finally {
            if (response != null) response.close();
        }
    }

    /**
     * The attempt made of what one request heard: the failure that ended it, else the answer's own outcome; a
     * failure is reported here (masked, logged) and keeps the text delivered before it. It may be tried again while
     * nothing reached the listener.
     */
    private Retrier.Attempt<ChatResult, Failure> concluded(String what, AnswerGatherer answer, Failure heard,
                                                           String requestId) {
        Failure failure = heard;
        if (failure == null) {
            AnswerGatherer.Outcome outcome = answer.outcome();
            if (outcome.failure() == null) return Retrier.Attempt.success(outcome.result());
            failure = outcome.failure();
        }
        Failure reported = transport.reported(what, failure, requestId);
        return new Retrier.Attempt<>(answer.failedResult(reported), reported, !answer.delivered());
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + model + ", " + transport.wire + "]";
    }
}
