package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import mockwebserver3.MockResponse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The card endpoints of the fake: createAndDeliver, streaming frames and card-data updates. Not thread-safe. */
final class ApiCards {
    private static final String GROUP_SPACE = "dtv1.card//IM_GROUP.";
    private static final String ROBOT_SPACE = "dtv1.card//IM_ROBOT.";

    private final Map<String, ApiCard> cards = new LinkedHashMap<>();
    private final Set<String> guids = new HashSet<>();

    List<ApiCard> all() {
        return new ArrayList<>(cards.values());
    }

    Optional<ApiCard> get(String outTrackId) {
        return Optional.ofNullable(cards.get(outTrackId));
    }

    MockResponse create(JsonNode body, FakeDingTalkApi.CardFailure failure) {
        String outTrackId = body.path("outTrackId").asText("");
        String templateId = body.path("cardTemplateId").asText("");
        String space = body.path("openSpaceId").asText("");
        if (outTrackId.isEmpty() || templateId.isEmpty()) {
            return ApiResponses.error(400, "param.invalid", "outTrackId and cardTemplateId are required");
        }
        if (space.startsWith(GROUP_SPACE)) {
            if (body.path("imGroupOpenDeliverModel").path("robotCode").asText("").isEmpty()) {
                return ApiResponses.error(400, "param.spaceDeliverModelEmpty", "imGroupOpenDeliverModel required");
            }
        } else if (space.startsWith(ROBOT_SPACE)) {
            if (!"IM_ROBOT".equals(body.path("imRobotOpenDeliverModel").path("spaceType").asText(""))) {
                return ApiResponses.error(400, "param.spaceDeliverModelEmpty", "imRobotOpenDeliverModel required");
            }
        } else {
            return ApiResponses.error(400, "param.openSpaceIdInvalid", "unknown openSpaceId " + space);
        }
        if (failure == FakeDingTalkApi.CardFailure.HTTP_500) {
            return ApiResponses.error(500, "InternalError", "card service unavailable");
        }
        if (failure == FakeDingTalkApi.CardFailure.SUCCESS_FALSE) {
            return ApiResponses.ok(Map.of("success", false, "result", Map.of("outTrackId", outTrackId)));
        }
        boolean delivered = failure != FakeDingTalkApi.CardFailure.DELIVERY_FAILED;
        Map<String, String> params = new LinkedHashMap<>();
        body.path("cardData").path("cardParamMap").fields()
                .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        if (delivered) {
            cards.put(outTrackId, new ApiCard(outTrackId, templateId, space, body, Map.copyOf(params), 0, false, false));
        }
        String spaceType = space.startsWith(GROUP_SPACE) ? "IM_GROUP" : "IM_ROBOT";
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("spaceType", spaceType);
        result.put("spaceId", space.substring(space.lastIndexOf('.') + 1));
        result.put("success", delivered);
        if (!delivered) result.put("errorMsg", "robot is not in the conversation");
        return ApiResponses.ok(Map.of("success", true,
                "result", Map.of("outTrackId", outTrackId, "deliverResults", List.of(result))));
    }

    MockResponse stream(JsonNode body) {
        ApiCard card = cards.get(body.path("outTrackId").asText(""));
        if (card == null) return ApiResponses.error(400, "param.cardNotExist", "card does not exist");
        String key = body.path("key").asText("");
        if (!card.params().containsKey(key)) {
            return ApiResponses.error(400, "param.keyNotExist", "the template declares no variable " + key);
        }
        if (!guids.add(body.path("guid").asText(""))) {
            return ApiResponses.ok(Map.of("success", true, "result", true)); // idempotent replay: no change
        }
        Map<String, String> params = new LinkedHashMap<>(card.params());
        params.put(key, body.path("content").asText(""));
        cards.put(card.outTrackId(), new ApiCard(card.outTrackId(), card.templateId(), card.openSpaceId(),
                card.createBody(), Map.copyOf(params), card.frames() + 1,
                card.finalized() || body.path("isFinalize").asBoolean(false),
                card.error() || body.path("isError").asBoolean(false)));
        return ApiResponses.ok(Map.of("success", true, "result", true));
    }

    MockResponse update(JsonNode body) {
        ApiCard card = cards.get(body.path("outTrackId").asText(""));
        if (card == null) return ApiResponses.error(400, "param.cardNotExist", "card does not exist");
        boolean byKey = body.path("cardUpdateOptions").path("updateCardDataByKey").asBoolean(false);
        Map<String, String> params = byKey ? new LinkedHashMap<>(card.params()) : new LinkedHashMap<>();
        body.path("cardData").path("cardParamMap").fields()
                .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        cards.put(card.outTrackId(), new ApiCard(card.outTrackId(), card.templateId(), card.openSpaceId(),
                card.createBody(), Map.copyOf(params), card.frames(), card.finalized(), card.error()));
        return ApiResponses.ok(Map.of("success", true, "result", true));
    }
}
