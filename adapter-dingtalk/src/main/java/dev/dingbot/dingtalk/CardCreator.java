package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.port.StreamingReply;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Creates and delivers an AI card to the conversation of one message. With DingTalk's public template the
 * content variable is {@code msgContent} and {@code flowStatus} tracks the state; a custom template streams
 * into {@code content}.
 */
final class CardCreator {
    static final String PUBLIC_CONTENT_KEY = "msgContent";
    static final String CUSTOM_CONTENT_KEY = "content";
    private static final String PROCESSING = "1";

    private final CardStream.Context context;
    private final CardApi api;
    private final String templateId;
    private final boolean publicTemplate;

    CardCreator(CardStream.Context context, String templateId) {
        this.context = context;
        this.api = context.api();
        this.templateId = templateId;
        this.publicTemplate = context.publicTemplate();
    }

    /** A delivered card showing {@code initialContent}; empty when DingTalk did not create or deliver it. */
    Optional<StreamingReply> open(ReplyTarget target, String initialContent, Predicate<String> overflow) {
        if (target.robotCode().isEmpty() || (target.group() ? target.conversationId() : target.userId()).isEmpty()) {
            return Optional.empty();
        }
        String outTrackId = UUID.randomUUID().toString();
        String key = publicTemplate ? PUBLIC_CONTENT_KEY : CUSTOM_CONTENT_KEY;
        ObjectNode body = api.object().put("cardTemplateId", templateId).put("outTrackId", outTrackId)
                .put("callbackType", "STREAM").put("userIdType", 1);
        ObjectNode params = body.putObject("cardData").putObject("cardParamMap")
                .put(key, CardMarkdown.normalise(initialContent));
        if (publicTemplate) params.put("flowStatus", PROCESSING);
        if (target.group()) {
            body.put("openSpaceId", "dtv1.card//IM_GROUP." + target.conversationId());
            body.putObject("imGroupOpenSpaceModel").put("supportForward", true);
            body.putObject("imGroupOpenDeliverModel").put("robotCode", target.robotCode());
        } else {
            body.put("openSpaceId", "dtv1.card//IM_ROBOT." + target.userId());
            body.putObject("imRobotOpenSpaceModel").put("supportForward", true);
            body.putObject("imRobotOpenDeliverModel").put("spaceType", "IM_ROBOT").put("robotCode", target.robotCode());
        }
        if (!api.createAndDeliver(target.appId(), body)) return Optional.empty();
        return Optional.of(new CardStream(context, overflow, target.appId(), outTrackId, key, initialContent).watch());
    }
}
