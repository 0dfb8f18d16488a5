package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Request;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * JSON calls to the new API host as one app, token in {@code x-acs-dingtalk-access-token}. A 401 means the
 * cached token was revoked or replaced: it is dropped, and the call is made once more with a fresh one.
 */
final class OpenApiCalls {
    private final OpenApiHttp http;
    private final String apiHost;
    private final AccessTokens tokens;

    OpenApiCalls(OpenApiHttp http, String apiHost, AccessTokens tokens) {
        this.http = http;
        this.apiHost = apiHost;
        this.tokens = tokens;
    }

    ObjectNode object() {
        return http.object();
    }

    String string(Object value) {
        return http.string(value);
    }

    /**
     * @param body    built anew per attempt (a streaming frame needs a new guid each time)
     * @param retried whether transient failures (I/O, 5xx) are retried
     */
    OpenApiHttp.Answer call(String appId, String method, String path, Supplier<ObjectNode> body, boolean retried) {
        Optional<String> token = tokens.token(appId);
        if (token.isEmpty()) return OpenApiHttp.Answer.unreachable();
        OpenApiHttp.Answer answer = send(token.get(), method, path, body, retried);
        if (answer.status() == 401) {
            tokens.invalidate(appId, token.get());
            Optional<String> fresh = tokens.token(appId);
            if (fresh.isPresent() && !fresh.get().equals(token.get())) {
                answer = send(fresh.get(), method, path, body, retried);
            }
        }
        return answer;
    }

    private OpenApiHttp.Answer send(String token, String method, String path, Supplier<ObjectNode> body,
                                    boolean retried) {
        Supplier<Request> request = () -> new Request.Builder().url(apiHost + path)
                .header("x-acs-dingtalk-access-token", token).method(method, http.body(body.get())).build();
        return retried ? http.call(request) : http.once(request.get());
    }
}
