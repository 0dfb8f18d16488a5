package dev.dingbot.dingtalk;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.IncomingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Hands a mapped message to the bot with its reply channel. Shared by Stream and HTTP callbacks; never throws. */
final class Inbound {

    private static final Logger log = LoggerFactory.getLogger(Inbound.class);

    private final ChatBot bot;
    private final Outbound outbound;

    Inbound(ChatBot bot, Outbound outbound) {
        this.bot = bot;
        this.outbound = outbound;
    }

    /**
     * The bot's admission, or empty when handing over failed (logged). A message the bot did not take (empty, or
     * {@link ChatBot.Admission#NOT_SAVED}) must not be confirmed to DingTalk, so that it may be delivered again.
     */
    Optional<ChatBot.Admission> handOver(IncomingMessage message) {
        try {
            ChatBot.Admission admission = bot.handle(message, outbound.channelFor(message));
            log.debug("message {} from app {} in {}: {}", message.msgId(), message.appId(),
                    message.conversationId(), admission);
            return Optional.of(admission);
        } catch (RuntimeException e) {
            log.error("message {} could not be handed to the bot", message.msgId(), e);
            return Optional.empty();
        }
    }

    static boolean taken(Optional<ChatBot.Admission> admission) {
        return admission.isPresent() && admission.get() != ChatBot.Admission.NOT_SAVED;
    }
}
