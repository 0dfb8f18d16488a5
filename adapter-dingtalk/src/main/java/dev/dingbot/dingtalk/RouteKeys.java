package dev.dingbot.dingtalk;

/**
 * Keys of {@link dev.dingbot.core.model.IncomingMessage#route()} that the DingTalk channel writes on intake and
 * reads to reply, also after a restart.
 */
final class RouteKeys {
    static final String SESSION_WEBHOOK = "sessionWebhook";
    /** Epoch milliseconds, as a decimal string. */
    static final String SESSION_WEBHOOK_EXPIRES = "sessionWebhookExpiredTime";
    /** The payload's robotCode; "normal" for outgoing robots. */
    static final String ROBOT_CODE = "robotCode";

    private RouteKeys() {
    }
}
