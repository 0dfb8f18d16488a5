package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.StreamedAnswer;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

/** The Messages API's answer to one request, as its failures and events are read off the wire, into its answer. */
final class MessagesStream implements StreamedAnswer<AnthropicFailure> {

    /** Logged where no answer came, so no request id. */
    static final String NO_REQUEST_ID = "-";

    private final MessagesAnswer answer;

    MessagesStream(MessagesAnswer answer) {
        this.answer = answer;
    }

    @Override
    public String requestId(Function<String, String> headers) {
        return requestIdIn(headers);
    }

    static String requestIdIn(Function<String, String> headers) {
        String id = headers.apply("request-id");
        return id == null ? NO_REQUEST_ID : id;
    }

    @Override
    public AnthropicFailure httpFailure(int status, String body, Function<String, String> headers) {
        return AnthropicFailure.fromHttp(status, body, headers);
    }

    /** Anything but an event stream is taken as one message, as a request without {@code stream} is answered. */
    @Override
    public boolean isWhole(String contentType) {
        return contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    @Override
    public AnthropicFailure whole(String body) {
        JsonNode root = Json.parseOrNull(body);
        if (root == null) return AnthropicFailure.of(ChatStatus.SERVER_ERROR, "the answer is not JSON");
        answer.onMessage(root);
        return null;
    }

    @Override
    public boolean onEvent(String data) {
        return answer.onEvent(data);
    }

    @Override
    public AnthropicFailure ioFailure(IOException e) {
        return AnthropicFailure.fromIo(e);
    }
}
