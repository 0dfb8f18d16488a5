package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.OutgoingMessage;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Sends a reply as the robot through OpenAPI, for when the session webhook is gone: groupMessages/send in a
 * group, oToMessages/batchSend to the one user of a private chat.
 */
final class OpenApiRobotSender {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiRobotSender.class);

    private final OpenApiHttp http;
    private final String apiHost;
    private final AccessTokens tokens;

    OpenApiRobotSender(OpenApiHttp http, String apiHost, AccessTokens tokens) {
        this.http = http;
        this.apiHost = apiHost;
        this.tokens = tokens;
    }

    boolean send(ReplyTarget target, OutgoingMessage message) {
        if (target.robotCode().isEmpty() || (target.group() ? target.conversationId() : target.staffId()).isEmpty()) {
            LOG.warn("Cannot answer through OpenAPI: no robotCode or no {}", target.group() ? "conversation" : "staffId");
            return false;
        }
        Optional<String> token = tokens.token(target.appId());
        if (token.isEmpty()) return false;
        ObjectNode body = http.object().put("robotCode", target.robotCode());
        if (target.group()) {
            body.put("openConversationId", target.conversationId());
        } else {
            body.putArray("userIds").add(target.staffId());
        }
        boolean markdown = message.format() == OutgoingMessage.Format.MARKDOWN;
        ObjectNode param = http.object();
        if (markdown) {
            param.put("title", message.title()).put("text", message.text());
        } else {
            param.put("content", message.text());
        }
        body.put("msgKey", markdown ? "sampleMarkdown" : "sampleText").put("msgParam", http.string(param));
        String path = target.group() ? "/v1.0/robot/groupMessages/send" : "/v1.0/robot/oToMessages/batchSend";
        OpenApiHttp.Answer answer = http.call(() -> new Request.Builder().url(apiHost + path)
                .header("x-acs-dingtalk-access-token", token.get()).post(http.body(body)).build());
        return answer.ok() && !listed(answer.body().path("invalidStaffIdList"), target.staffId())
                && !listed(answer.body().path("flowControlledStaffIdList"), target.staffId());
    }

    private static boolean listed(JsonNode list, String staffId) {
        for (JsonNode id : list) {
            if (id.asText().equals(staffId)) {
                LOG.warn("OpenAPI did not deliver to a user (invalid or flow-controlled)");
                return true;
            }
        }
        return false;
    }
}
