package dev.dingbot.dingtalk;

import dev.dingbot.core.model.IncomingMessage;

/**
 * Where and as whom to answer one message, read from the message and its route.
 *
 * @param appId          the app whose credentials sign OpenAPI calls
 * @param robotCode      the robot that speaks in OpenAPI sends and cards
 * @param group          a group chat, else a private one
 * @param conversationId the (open) conversation id of a group
 * @param userId         the private-chat user: staffId, or the sender id when there is none
 * @param staffId        the sender's staffId; empty for outgoing robots and some external users
 * @param webhook        the session webhook; may be empty
 * @param webhookExpires epoch milliseconds; 0 when unknown
 */
record ReplyTarget(String appId, String robotCode, boolean group, String conversationId, String userId,
                   String staffId, String webhook, long webhookExpires) {

    /** Outgoing robots report this robotCode; it cannot sign anything. */
    private static final String OUTGOING_ROBOT = "normal";

    static ReplyTarget of(IncomingMessage message, java.util.Set<String> configuredApps) {
        String routeRobot = message.route().getOrDefault(RouteKeys.ROBOT_CODE, "");
        if (routeRobot.equals(OUTGOING_ROBOT)) routeRobot = "";
        String appId = !configuredApps.contains(message.appId()) && configuredApps.contains(routeRobot)
                ? routeRobot : message.appId();
        String robotCode = routeRobot.isEmpty() ? message.appId() : routeRobot;
        String staffId = message.sender().staffId();
        return new ReplyTarget(appId, robotCode, message.inGroup(), message.conversationId(),
                staffId.isEmpty() ? message.sender().id() : staffId, staffId,
                message.route().getOrDefault(RouteKeys.SESSION_WEBHOOK, ""),
                parseLong(message.route().getOrDefault(RouteKeys.SESSION_WEBHOOK_EXPIRES, "")));
    }

    /** The same robot and sender, in the robot's private chat with the sender. */
    ReplyTarget privateChat() {
        return new ReplyTarget(appId, robotCode, false, "", userId, staffId, "", 0);
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
