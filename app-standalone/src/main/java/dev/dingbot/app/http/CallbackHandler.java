package dev.dingbot.app.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Receives DingTalk's HTTP callbacks ({@code POST /} and {@code POST /callback}) in HTTP mode. */
@FunctionalInterface
public interface CallbackHandler {

    /**
     * @param headers request headers, names in lower case, first value only
     * @param body    the raw body, at most the server's body limit
     */
    Response handle(Map<String, String> headers, byte[] body);

    record Response(int status, String contentType, byte[] body) {
        public static Response empty(int status) {
            return new Response(status, "text/plain; charset=utf-8", new byte[0]);
        }

        public static Response json(int status, String json) {
            return new Response(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
