package dev.dingbot.testkit.dingtalk;

import java.util.List;

/**
 * A plain message the fake accepted, whichever way it came.
 *
 * @param via       {@link Via#WEBHOOK} (sessionWebhook), {@link Via#GROUP} (groupMessages/send) or
 *                  {@link Via#PRIVATE} (oToMessages/batchSend)
 * @param target    the session id, the openConversationId or the first user id
 * @param format    {@code text} or {@code markdown}
 * @param title     markdown title; empty for text
 * @param text      what the recipient reads
 * @param atUserIds staff ids asked to be notified (webhook only)
 * @param robotCode the robot code of an OpenAPI send; empty for webhooks
 */
public record ApiMessage(Via via, String target, String format, String title, String text, List<String> atUserIds,
                         String robotCode) {

    public enum Via { WEBHOOK, GROUP, PRIVATE }
}
