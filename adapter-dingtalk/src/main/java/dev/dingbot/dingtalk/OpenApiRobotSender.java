package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a reply as the robot through OpenAPI, for when the session webhook is gone: groupMessages/send in a
 * group, oToMessages/batchSend to the one user of a private chat.
 */
final class OpenApiRobotSender {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiRobotSender.class);

    private final OpenApiCalls calls;

    OpenApiRobotSender(OpenApiCalls calls) {
        this.calls = calls;
    }

    boolean send(ReplyTarget target, OutgoingMessage message) {
        if (target.robotCode().isEmpty() || (target.group() ? target.conversationId() : target.staffId()).isEmpty()) {
            LOG.warn("Cannot answer through OpenAPI: no robotCode or no {}", target.group() ? "conversation" : "staffId");
            return false;
        }
        ObjectNode body = calls.object().put("robotCode", target.robotCode());
        if (target.group()) {
            body.put("openConversationId", target.conversationId());
        } else {
            body.putArray("userIds").add(target.staffId());
        }
        boolean markdown = message.format() == OutgoingMessage.Format.MARKDOWN;
        ObjectNode param = calls.object();
        if (markdown) {
            param.put("title", message.title()).put("text", message.text());
        } else {
            param.put("content", message.text());
        }
        body.put("msgKey", markdown ? "sampleMarkdown" : "sampleText").put("msgParam", calls.string(param));
        String path = target.group() ? "/v1.0/robot/groupMessages/send" : "/v1.0/robot/oToMessages/batchSend";
        OpenApiHttp.Answer answer = calls.call(target.appId(), "POST", path, () -> body, true);
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
