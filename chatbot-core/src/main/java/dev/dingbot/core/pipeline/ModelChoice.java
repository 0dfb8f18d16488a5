package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.settings.ConversationSettings;
import dev.dingbot.core.settings.ModelSwitch;

import java.time.Duration;
import java.util.List;

/**
 * {@code 模型} lists the models of the chat model and marks the one this conversation+sender uses; {@code #模型
 * <name>} chooses one for the session (until {@code 重置} or the timeout), for whom {@code model_switch} lets.
 */
final class ModelChoice implements Step {

    static final String LIST = "模型";
    static final String CHOOSE = "#模型";

    private final Sessions sessions;
    private final ChatModel model;
    private final ModelSwitch who;
    private final ConversationSettings conversation;

    ModelChoice(Sessions sessions, ChatModel model, ModelSwitch who, ConversationSettings conversation) {
        this.sessions = sessions;
        this.model = model;
        this.who = who;
        this.conversation = conversation;
    }

    /** Whether {@code text} is one of these commands rather than a question. */
    static boolean recognises(String text) {
        return text.equals(LIST) || text.equals(CHOOSE) || text.startsWith(CHOOSE + " ");
    }

    @Override
    public Outcome apply(MessageContext context) {
        String text = context.text().trim();
        if (!recognises(text)) return Outcome.PASS_ON;
        String name = text.substring(text.startsWith(CHOOSE) ? CHOOSE.length() : LIST.length()).strip();
        IncomingMessage message = context.message();
        Responder responder = context.responder();
        List<String> models = model.models();
        if (name.isEmpty()) {
            String current = sessions.current(message.laneKey()).model();
            String shown = models.contains(current) ? current : model.modelName();
            responder.markdown(ReplyTexts.models(message.sender().nick(), models, shown, who.allows(context.admin())));
        } else if (who == ModelSwitch.OFF) {
            responder.markdown(ReplyTexts.MODEL_SWITCH_OFF);
        } else if (!who.allows(context.admin())) {
            responder.markdown(ReplyTexts.MODEL_SWITCH_DENIED);
        } else if (!models.contains(name)) {
            responder.markdown(ReplyTexts.modelUnknown(name, models));
        } else {
            sessions.switchModel(message.laneKey(), name.equals(model.modelName()) ? "" : name);
            Duration timeout = conversation.sessionTimeout();
            responder.markdown(ReplyTexts.modelSwitched(message.sender().nick(), name,
                    timeout.isZero() ? "" : DurationText.chinese(timeout)));
        }
        return Outcome.FINISHED;
    }
}
