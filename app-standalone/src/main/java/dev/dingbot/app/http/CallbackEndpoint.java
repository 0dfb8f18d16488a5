package dev.dingbot.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Receives DingTalk's HTTP callbacks ({@code POST /} and {@code POST /callback}) in HTTP mode, in two steps: the
 * headers first, and the body only when the headers did not already settle the answer.
 */
@FunctionalInterface
public interface CallbackEndpoint {

    /** @param headers request headers, names in lower case, first value only */
    Next headers(Map<String, String> headers);

    /** What follows the headers. */
    sealed interface Next permits Respond, ReadBody { }

    /** Answered on the headers alone: the body is never read. */
    record Respond(Response response) implements Next { }

    /** Read the body (at most the server's body limit; larger gets 413) and answer what {@code then} says. */
    record ReadBody(Function<byte[], Response> then) implements Next { }

    record Response(int status, String contentType, byte[] body) {
        public static Response empty(int status) {
            return new Response(status, "text/plain; charset=utf-8", new byte[0]);
        }

        public static Response json(int status, String json) {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
