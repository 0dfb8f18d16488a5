package dev.dingbot.openai;

import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.StreamedAnswer;

import java.io.IOException;
import java.util.function.Function;

/** A streamed chat completion read without a thread: the wire's failures, and the answer into its gatherer. */
final class StreamedCompletion implements StreamedAnswer<Failure> {

    private final AnswerGatherer answer;

    StreamedCompletion(AnswerGatherer answer) {
        this.answer = answer;
    }

    @Override
    public String requestId(Function<String, String> headers) {
        return Transport.requestId(headers);
    }

    @Override
    public Failure httpFailure(int status, String body, Function<String, String> headers) {
        return Transport.httpFailure(status, body, headers);
    }

    @Override
    public boolean isWhole(String contentType) {
        return Transport.isJson(contentType);
    }

    /** Some servers answer a stream request with one JSON completion; DeepSeek may pad it with blank lines. */
    @Override
    public Failure whole(String body) {
        var root = Json.parseOrNull(body);
        if (root == null) return Failure.notJson();
        answer.onCompletion(root);
        return null;
    }

    @Override
    public boolean onEvent(String data) {
        return answer.onEvent(data);
    }

    @Override
    public Failure ioFailure(IOException e) {
        return Failure.fromIo(e);
    }
}
