package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.port.StreamingReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Creates and delivers an AI card to the conversation of one message. With DingTalk's public template the
 * content variable is {@code msgContent} and {@code flowStatus} tracks the state; a custom template streams
 * into {@code content}. A card's id follows from its app and message, so an answer started before a crash and
 * answered again after the restart continues in the card it began instead of opening a second one.
 */
final class CardCreator {
    private static final Logger log = LoggerFactory.getLogger(CardCreator.class);
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

    /**
     * A delivered card showing {@code initialContent}; empty when DingTalk did not create or deliver it. With
     * {@code resume} (a message answered again after a restart) the card the message already has, if DingTalk
     * knows it, is reset to {@code initialContent} and used instead of a new one.
     */
    Optional<StreamingReply> open(ReplyTarget target, String messageId, String initialContent,
                                  Predicate<String> overflow, boolean resume) {
        if (target.robotCode().isEmpty() || (target.group() ? target.conversationId() : target.userId()).isEmpty()) {
            return Optional.empty();
        }
        String outTrackId = outTrackId(target.appId(), messageId);
        String key = publicTemplate ? PUBLIC_CONTENT_KEY : CUSTOM_CONTENT_KEY;
        Map<String, String> initial = new LinkedHashMap<>();
        initial.put(key, CardMarkdown.normalise(initialContent));
        if (publicTemplate) initial.put("flowStatus", PROCESSING);
        if (resume && api.updateData(target.appId(), outTrackId, initial)) {
            log.info("message {} continues in the card it had before the restart", messageId);
            return Optional.of(new CardStream(context, overflow, target.appId(), outTrackId, key, initialContent).watch());
        }
        ObjectNode body = api.object().put("cardTemplateId", templateId).put("outTrackId", outTrackId)
                .put("callbackType", "STREAM").put("userIdType", 1);
        ObjectNode params = body.putObject("cardData").putObject("cardParamMap");
        initial.forEach(params::put);
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

    /** The same for the same app and message, so a restart finds the card again; random without a message id. */
    static String outTrackId(String appId, String messageId) {
        if (messageId.isEmpty()) return UUID.randomUUID().toString();
        return UUID.nameUUIDFromBytes((appId + "\n" + messageId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
