package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;

import java.util.Map;

/** The response shapes DingTalk uses: legacy {@code errcode} bodies and new-API {@code code/message} errors. */
final class ApiResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiResponses() {
    }

    static MockResponse json(int status, Object body) {
        try {
            return new MockResponse.Builder().code(status)
                    .setHeader("Content-Type", "application/json;charset=utf-8")
                    .body(JSON.writeValueAsString(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MockResponse ok(Object body) {
        return json(200, body);
    }

    /** A new-API error: HTTP status plus {@code {"code","message","requestid"}}. */
    static MockResponse error(int status, String code, String message) {
        return json(status, Map.of("code", code, "message", message, "requestid", "fake-request"));
    }

    /** A legacy oapi answer; HTTP 200 whatever the errcode. */
    static MockResponse errcode(int errcode, String errmsg) {
        return ok(Map.of("errcode", errcode, "errmsg", errmsg));
    }

    static MockResponse qpsLimit() {
        return error(403, "Forbidden.AccessDenied.QpsLimitForApi", "Too many requests for this api");
    }
}
