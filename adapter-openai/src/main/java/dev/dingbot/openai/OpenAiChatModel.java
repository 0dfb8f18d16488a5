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
import dev.dingbot.modelhttp.Retrier;
import dev.dingbot.openai.spi.OpenAiWire.Endpoint;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link ChatModel} over {@code POST /chat/completions}, streamed or not, with classified failures and retries. A
 * server that refuses a request for its tools (400 or 422, and the same question without them goes through) is
 * asked without tools from then on: many compatible servers and local models take none.
 */
final class OpenAiChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);

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
        return ask(request, false, null);
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        return ask(request, true, listener == null ? ChatListener.IGNORE : listener);
    }

    /** The request as it is; when it offers tools and the server refuses them, at once again without. */
    private ChatResult ask(ChatRequest request, boolean stream, ChatListener listener) {
        if (!request.offersTools() || takesNoTools.get()) return send(request.withoutTools(), stream, listener).value();
        Retrier.Attempt<ChatResult, Failure> offered = send(request, stream, listener);
        if (!refusedAsBadRequest(offered.failure())) return offered.value();
        Retrier.Attempt<ChatResult, Failure> plain = send(request.withoutTools(), stream, listener);
        if (plain.failure() == null && takesNoTools.compareAndSet(false, true)) {
            log.warn("model {} at {} takes no tools: it refused them ({}) and answered without; it is asked without "
                    + "tools from now on", model, Redaction.userInfo(transport.wire.url(Endpoint.CHAT_COMPLETIONS)),
                    offered.failure().message());
        }
        return plain.value();
    }

    private static boolean refusedAsBadRequest(Failure failure) {
        return failure != null && failure.status() == ChatStatus.BAD_REQUEST
                && (failure.httpStatus() == 400 || failure.httpStatus() == 422);
    }

    private Retrier.Attempt<ChatResult, Failure> send(ChatRequest request, boolean stream, ChatListener listener) {
        String body = bodies.encode(request, stream);
        String what = stream ? "chat stream" : "chat completion";
        return retrier.lastAttempt(what, () -> attempt(body, stream, listener));
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
        String what = stream ? "chat stream" : "chat completion";
        Response response = null;
        try {
            response = transport.send(transport.post(Endpoint.CHAT_COMPLETIONS, body, stream));
            if (!response.isSuccessful()) return failed(answer, transport.failureOf(what, response));
            if (stream && !Transport.isJson(response)) {
                var reader = new SseReader(response.body().source());
                String data;
                while ((data = reader.next()) != null) {
                    if (!answer.onEvent(data)) break;
                }
            } else {
                // Some servers answer a stream request with one JSON body; DeepSeek may pad it with blank lines.
                JsonNode root = Json.parseOrNull(response.body().string());
                if (root == null) return failed(answer, Failure.of(ChatStatus.SERVER_ERROR, "the answer is not JSON"));
                answer.onCompletion(root);
            }
        } catch (IOException e) {
            return failed(answer, transport.reported(what, Failure.fromIo(e), response));
        } finally {
            if (response != null) response.close();
        }
        AnswerGatherer.Outcome outcome = answer.outcome();
        if (outcome.failure() != null) return failed(answer, transport.reported(what, outcome.failure(), response));
        return Retrier.Attempt.success(outcome.result());
    }

    private static Retrier.Attempt<ChatResult, Failure> failed(AnswerGatherer answer, Failure failure) {
        return new Retrier.Attempt<>(answer.failedResult(failure), failure, !answer.delivered());
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + model + ", " + transport.wire + "]";
    }
}
