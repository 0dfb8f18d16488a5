package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The AI-card calls: createAndDeliver, streaming frames, card-data updates. Every call passes the app-wide rate
 * limiter; a 403 QpsLimit is retried once after a pause with a fresh body (new guid). Success means HTTP 2xx and
 * no {@code success:false} anywhere DingTalk puts one, deliverResults included.
 */
final class CardApi {
    private static final Logger LOG = LoggerFactory.getLogger(CardApi.class);

    private final OpenApiCalls calls;
    private final CardRateLimiter limiter;
    private final Duration qpsRetryDelay;

    CardApi(OpenApiCalls calls, CardRateLimiter limiter, Duration qpsRetryDelay) {
        this.calls = calls;
        this.limiter = limiter;
        this.qpsRetryDelay = qpsRetryDelay;
    }

    ObjectNode object() {
        return calls.object();
    }

    /** Not retried on 5xx: a quick failure lets the caller answer with plain messages at once. */
    boolean createAndDeliver(String appId, ObjectNode body) {
        return accepted(call(appId, "POST", "/v1.0/card/instances/createAndDeliver", () -> body, false));
    }

    /** The full content of card variable {@code key}; the {@code last} frame finalizes the card, in the error state or not. */
    record Frame(String key, String content, boolean last, boolean error) {
    }

    /** One full-content frame; final frames are retried, since they must not be lost to a transient error. */
    boolean stream(String appId, String outTrackId, Frame frame) {
        return accepted(call(appId, "PUT", "/v1.0/card/streaming", () -> calls.object()
                .put("outTrackId", outTrackId).put("guid", UUID.randomUUID().toString())
                .put("key", frame.key()).put("content", frame.content())
                .put("isFull", true).put("isFinalize", frame.last()).put("isError", frame.error()),
                frame.last()));
    }

    /** Merges these variables into the card's data (updateCardDataByKey). */
    boolean updateData(String appId, String outTrackId, Map<String, String> params) {
        ObjectNode body = calls.object().put("outTrackId", outTrackId);
        ObjectNode map = body.putObject("cardData").putObject("cardParamMap");
        params.forEach(map::put);
        body.putObject("cardUpdateOptions").put("updateCardDataByKey", true);
        return accepted(call(appId, "PUT", "/v1.0/card/instances", () -> body, true));
    }

    private OpenApiHttp.Answer call(String appId, String method, String path, Supplier<ObjectNode> body,
                                    boolean retried) {
        if (!limiter.acquire()) return OpenApiHttp.Answer.unreachable();
        OpenApiHttp.Answer answer = calls.call(appId, method, path, body, retried);
        if (answer.status() == 403 && answer.code().contains("QpsLimit") && OpenApiHttp.pause(qpsRetryDelay)
                && limiter.acquire()) {
            LOG.info("Card call {} throttled by DingTalk (QpsLimit); retrying once", path);
            answer = calls.call(appId, method, path, body, retried);
        }
        return answer;
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
