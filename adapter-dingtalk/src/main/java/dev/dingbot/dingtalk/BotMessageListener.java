package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Stream SDK's listener on the bot topic of one app. Takes the raw {@code data} JSON (the SDK's own model
 * drops fields), hands the message over and returns at once: the SDK sends the ACK when this returns, and a late
 * ACK makes the gateway redeliver. It implements the SDK interface directly because the SDK reads the request
 * type from this class's generic interfaces.
 */
final class BotMessageListener implements OpenDingTalkCallbackListener<String, Object> {

    private static final Logger log = LoggerFactory.getLogger(BotMessageListener.class);

    private final String clientId;
    private final BotMessageMapper mapper;
    private final Inbound inbound;

    BotMessageListener(String clientId, BotMessageMapper mapper, Inbound inbound) {
        this.clientId = clientId;
        this.mapper = mapper;
        this.inbound = inbound;
    }

    /**
     * Returns null: the bot topic's ACK carries {@code {"response":null}}, which the gateway ignores. Throws when
     * the bot did not take the message (e.g. it could not be saved): the SDK then ACKs with code 500 instead of
     * 200, so the gateway may deliver it again.
     */
    @Override
    public Object execute(String data) {
        ParsedMessage parsed;
        try {
            parsed = mapper.map(clientId, data);
        } catch (RuntimeException e) {
            log.error("bot message for app {} could not be read", clientId, e);
            return null;
        }
        if (parsed instanceof ParsedMessage.Message m) {
            if (!Inbound.taken(inbound.handOver(m.message()))) throw new NotTaken(m.message().msgId());
        } else if (parsed instanceof ParsedMessage.Malformed bad) {
            log.warn("ignoring a bot message for app {}: {}", clientId, bad.reason());
        }
        return null;
    }

    /** Makes the SDK answer the frame with an error; it logs this one line (no stack trace: the cause is logged). */
    static final class NotTaken extends RuntimeException {
        NotTaken(String msgId) {
            super("message " + msgId + " was not taken: not ACKed as accepted, so it may come again", null, false,
                    false);
        }
    }
}
