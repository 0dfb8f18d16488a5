package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The AI-card calls: createAndDeliver, streaming frames, card-data updates. Every call passes the app-wide rate
 * limiter; a 403 QpsLimit is retried once after a pause with a fresh body (new guid). Success means HTTP 2xx and
 * no {@code success:false} anywhere DingTalk puts one, deliverResults included.
 */
final class CardApi {
    private static final Logger LOG = LoggerFactory.getLogger(CardApi.class);

    private final OpenApiHttp http;
    private final String apiHost;
    private final AccessTokens tokens;
    private final CardRateLimiter limiter;
    private final Duration qpsRetryDelay;

    CardApi(OpenApiHttp http, String apiHost, AccessTokens tokens, CardRateLimiter limiter, Duration qpsRetryDelay) {
        this.http = http;
        this.apiHost = apiHost;
        this.tokens = tokens;
        this.limiter = limiter;
        this.qpsRetryDelay = qpsRetryDelay;
    }

    ObjectNode object() {
        return http.object();
    }

    /** Not retried on 5xx: a quick failure lets the caller answer with plain messages at once. */
    boolean createAndDeliver(String appId, ObjectNode body) {
        return accepted(call(appId, "POST", "/v1.0/card/instances/createAndDeliver", () -> body, false));
    }

    /** One full-content frame; {@code retried} for final frames, which must not be lost to a transient error. */
    boolean stream(String appId, String outTrackId, String key, String content, boolean finalize, boolean error,
                   boolean retried) {
        return accepted(call(appId, "PUT", "/v1.0/card/streaming", () -> http.object()
                .put("outTrackId", outTrackId).put("guid", UUID.randomUUID().toString())
                .put("key", key).put("content", content)
                .put("isFull", true).put("isFinalize", finalize).put("isError", error), retried));
    }

    /** Merges these variables into the card's data (updateCardDataByKey). */
    boolean updateData(String appId, String outTrackId, Map<String, String> params) {
        ObjectNode body = http.object().put("outTrackId", outTrackId);
        ObjectNode map = body.putObject("cardData").putObject("cardParamMap");
        params.forEach(map::put);
        body.putObject("cardUpdateOptions").put("updateCardDataByKey", true);
        return accepted(call(appId, "PUT", "/v1.0/card/instances", () -> body, true));
    }

    private OpenApiHttp.Answer call(String appId, String method, String path, Supplier<ObjectNode> body,
                                    boolean retried) {
        Optional<String> token = tokens.token(appId);
        if (token.isEmpty()) return OpenApiHttp.Answer.unreachable();
        Supplier<Request> request = () -> new Request.Builder().url(apiHost + path)
                .header("x-acs-dingtalk-access-token", token.get()).method(method, http.body(body.get())).build();
        OpenApiHttp.Answer answer = send(request, retried);
        if (answer.status() == 403 && answer.code().contains("QpsLimit") && OpenApiHttp.pause(qpsRetryDelay)) {
            LOG.info("Card call {} throttled by DingTalk (QpsLimit); retrying once", path);
            answer = send(request, retried);
        }
        return answer;
    }

    private OpenApiHttp.Answer send(Supplier<Request> request, boolean retried) {
        if (!limiter.acquire()) return OpenApiHttp.Answer.unreachable();
        return retried ? http.call(request) : http.once(request.get());
    }

    private static boolean accepted(OpenApiHttp.Answer answer) {
        if (!answer.ok()) return false;
        JsonNode body = answer.body();
        if (body.path("success").isBoolean() && !body.path("success").asBoolean()) {
            LOG.warn("Card call answered success:false {}", body.path("message").asText(""));
            return false;
        }
        for (JsonNode result : body.path("result").path("deliverResults")) {
            if (!result.path("success").asBoolean(true)) {
                LOG.warn("Card not delivered to {}: {}", result.path("spaceType").asText(""),
                        result.path("errorMsg").asText(""));
                return false;
            }
        }
        return true;
    }
}
