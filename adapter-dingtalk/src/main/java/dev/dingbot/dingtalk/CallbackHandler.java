package dev.dingbot.dingtalk;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * HTTP callback mode: DingTalk POSTs the bot message with {@code timestamp} and {@code sign} headers. Checks come
 * in this order: signature on the headers alone (401, before the body is read; a signed pair is used up here),
 * then on the body size (413), payload (400), outgoing-robot group (403). An accepted message is handed to the
 * bot, which works asynchronously, and answered 200 at once; one the bot could not save is answered 503, so
 * DingTalk may deliver it again.
 */
final class CallbackHandler {

    private static final Logger log = LoggerFactory.getLogger(CallbackHandler.class);
    /** robotCode of the messages a group's outgoing (custom) robot posts. */
    private static final String OUTGOING_ROBOT = "normal";

    private final CallbackSignature signature;
    private final int maxBytes;
    private final Set<String> allowedOutgoingGroups;
    private final BotMessageMapper mapper;
    private final Inbound inbound;

    CallbackHandler(CallbackSignature signature, DingTalkSettings settings, BotMessageMapper mapper, Inbound inbound) {
        this.signature = signature;
        this.maxBytes = settings.maxCallbackBytes();
        this.allowedOutgoingGroups = settings.allowOutgoingGroups();
        this.mapper = mapper;
        this.inbound = inbound;
    }

    CallbackCheck check(Map<String, String> headers) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null) byName.put(name, value);
            });
        }
        Optional<DingTalkSettings.Credential> app = signature.verify(byName.get("timestamp"), byName.get("sign"));
        if (app.isEmpty()) {
            log.warn("refused a callback (401): its timestamp and sign are missing, signed with no secret of "
                    + "credentials[].client_secret or app_secrets, over an hour old or ahead of this clock, or were "
                    + "used before");
            return CallbackCheck.refused(CallbackResponse.UNAUTHORIZED);
        }
        return CallbackCheck.accepted(body -> receive(app.get(), body));
    }

    private CallbackResponse receive(DingTalkSettings.Credential app, byte[] body) {
        byte[] payload = body == null ? new byte[0] : body;
        if (payload.length > maxBytes) return CallbackResponse.TOO_LARGE;
        ParsedMessage parsed = mapper.map(app.clientId(), payload);
        if (parsed instanceof ParsedMessage.Malformed bad) {
            log.warn("refused a callback for app {}: {}", app.clientId(), bad.reason());
            return CallbackResponse.MALFORMED;
        }
        IncomingMessage message = ((ParsedMessage.Message) parsed).message();
        if (isOutgoingRobot(message) && !allowedOutgoingGroups.isEmpty()
                && !allowedOutgoingGroups.contains(message.conversationId())) {
            log.warn("refused an outgoing robot from group {} ({}): not in allow_outgoing_groups",
                    LogText.safe(message.conversationId()), LogText.safe(message.conversationTitle()));
            return CallbackResponse.FORBIDDEN;
        }
        Optional<ChatBot.Admission> admission = inbound.handOver(message);
        if (admission.isEmpty()) return CallbackResponse.FAILED;
        return Inbound.taken(admission) ? CallbackResponse.ACCEPTED : CallbackResponse.NOT_SAVED;
    }

    private static boolean isOutgoingRobot(IncomingMessage message) {
        return OUTGOING_ROBOT.equals(message.route().get(RouteKeys.ROBOT_CODE)) && !message.sender().hasStaffId();
    }
}
