package dev.dingbot.core.pipeline;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.settings.ConversationSettings;
import dev.dingbot.core.settings.ReplySettings;

import java.util.Set;

/** The whole-message commands of spec §3.3. None of them is counted against the daily quota. */
final class KeywordCommands {

    /** The commands {@link #handle} answers. */
    private static final Set<String> KEYWORDS =
            Set.of("单聊", "串聊", "重置", "退出", "结束", "模板", "图片", "余额", "查对话");

    private final Sessions sessions;
    private final ConversationSettings conversation;
    private final ReplySettings replies;
    private final Templates templates;
    private final BalanceReport balance;
    private final DailyQuota quota;

    KeywordCommands(Sessions sessions, ConversationSettings conversation, ReplySettings replies, Templates templates,
                    BalanceReport balance, DailyQuota quota) {
        this.sessions = sessions;
        this.conversation = conversation;
        this.replies = replies;
        this.templates = templates;
        this.balance = balance;
        this.quota = quota;
    }

    /** Whether {@code command} is one of these commands rather than a question. */
    static boolean recognises(String command) {
        return KEYWORDS.contains(command);
    }

    /** Handles the message's question if it is one of these commands; false when it is a question indeed. */
    boolean handle(MessageContext context) {
        IncomingMessage message = context.message();
        Responder responder = context.responder();
        String nick = message.sender().nick();
        boolean admin = context.admin();
        switch (context.question()) {
            case "单聊" -> switchMode(Mode.SINGLE, message, responder);
            case "串聊" -> switchMode(Mode.CONTEXT, message, responder);
            case "重置", "退出", "结束" -> {
                sessions.reset(message.laneKey());
                responder.markdown(ReplyTexts.reset(nick));
            }
            case "模板" -> responder.markdown(ReplyTexts.templates(nick, templates.titleList()));
            case "图片" -> responder.markdown(replies.imagesEnabled() ? ReplyTexts.IMAGE_HELP : ReplyTexts.IMAGES_DISABLED);
            case "余额" -> {
                if (admin) responder.text(balance.render(quota.today()));
            }
            case "查对话" -> {
                if (admin) responder.markdown(ReplyTexts.HISTORY_USAGE);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void switchMode(Mode mode, IncomingMessage message, Responder responder) {
        sessions.switchMode(message.laneKey(), mode);
        String suffix = mode.command().equals(conversation.defaultModeLabel())
                ? ""
                : ReplyTexts.modeRestoreHint(DurationText.chinese(conversation.sessionTimeout()),
                        conversation.defaultModeLabel());
        responder.markdown(ReplyTexts.modeSwitched(message.sender().nick(), mode.command(), suffix));
    }
}
