package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.openai.spi.OpenAiWire.Endpoint;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;

/** {@link ChatModel} over {@code POST /chat/completions}, streamed or not, with classified failures and retries. */
final class OpenAiChatModel implements ChatModel {

    private final String model;
    private final Transport transport;
    private final ChatBodies bodies;
    private final Retrier retrier;
    private final TokenCounter tokens;

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
        String body = bodies.encode(request, false);
        return retrier.run("chat completion", () -> attempt(body, false, null));
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatListener listener) {
        String body = bodies.encode(request, true);
        ChatListener target = listener == null ? ChatListener.IGNORE : listener;
        return retrier.run("chat stream", () -> attempt(body, true, target));
    }

    @Override
    public int countTokens(List<ChatTurn> turns) {
        return tokens.count(turns);
    }

    private Retrier.Attempt<ChatResult> attempt(String body, boolean stream, ChatListener listener) {
        AnswerGatherer answer = new AnswerGatherer(model, listener);
        String what = stream ? "chat stream" : "chat completion";
        Response response = null;
        try {
            response = transport.client.newCall(transport.post(Endpoint.CHAT_COMPLETIONS, body, stream)).execute();
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

    private static Retrier.Attempt<ChatResult> failed(AnswerGatherer answer, Failure failure) {
        return new Retrier.Attempt<>(answer.failedResult(failure), failure, !answer.delivered());
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + model + ", " + transport.wire + "]";
    }
}
