package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The message endpoints of the fake: session webhooks and the two robot sends. Not thread-safe. */
final class ApiMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ApiMessage> messages = new ArrayList<>();

    List<ApiMessage> all() {
        return List.copyOf(messages);
    }

    MockResponse webhook(String session, JsonNode body) {
        String type = body.path("msgtype").asText("");
        List<String> at = new ArrayList<>();
        body.path("at").path("atUserIds").forEach(n -> at.add(n.asText()));
        if (type.equals("text")) {
            messages.add(new ApiMessage(ApiMessage.Via.WEBHOOK, session, "text", "",
                    body.path("text").path("content").asText(""), List.copyOf(at), ""));
        } else if (type.equals("markdown")) {
            messages.add(new ApiMessage(ApiMessage.Via.WEBHOOK, session, "markdown",
                    body.path("markdown").path("title").asText(""), body.path("markdown").path("text").asText(""),
                    List.copyOf(at), ""));
        } else {
            return ApiResponses.errcode(40035, "缺少参数 msgtype");
        }
        return ApiResponses.errcode(0, "ok");
    }

    MockResponse robotSend(JsonNode body, ApiMessage.Via via) {
        String robotCode = body.path("robotCode").asText("");
        String msgKey = body.path("msgKey").asText("");
        String rawParam = body.path("msgParam").asText("");
        String target = via == ApiMessage.Via.GROUP ? body.path("openConversationId").asText("")
                : body.path("userIds").path(0).asText("");
        if (robotCode.isEmpty() || target.isEmpty() || body.path("userIds").size() > 20) {
            return ApiResponses.error(400, "param.invalid", "robotCode and a target are required");
        }
        if (via == ApiMessage.Via.GROUP && rawParam.getBytes(StandardCharsets.UTF_8).length > 15_000) {
            return ApiResponses.error(400, "param.msgParamTooLong", "msgParam exceeds 15000 bytes");
        }
        JsonNode param;
        try {
            param = JSON.readTree(rawParam);
        } catch (java.io.IOException e) {
            return ApiResponses.error(400, "param.msgParamInvalid", "msgParam is not JSON");
        }
        switch (msgKey) {
            case "sampleText" -> messages.add(new ApiMessage(via, target, "text", "",
                    param.path("content").asText(""), List.of(), robotCode));
            case "sampleMarkdown" -> messages.add(new ApiMessage(via, target, "markdown",
                    param.path("title").asText(""), param.path("text").asText(""), List.of(), robotCode));
            default -> {
                return ApiResponses.error(400, "param.msgKeyInvalid", "unsupported msgKey " + msgKey);
            }
        }
        return via == ApiMessage.Via.GROUP ? ApiResponses.ok(Map.of("processQueryKey", "pqk-" + messages.size()))
                : ApiResponses.ok(Map.of("processQueryKey", "pqk-" + messages.size(),
                        "invalidStaffIdList", List.of(), "flowControlledStaffIdList", List.of()));
    }
}
