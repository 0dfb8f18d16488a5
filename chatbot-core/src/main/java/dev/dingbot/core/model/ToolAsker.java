package dev.dingbot.core.model;

import java.util.Objects;

/**
 * Who a tool would run for, as far as tool access goes.
 *
 * @param userId         the sender's staffId (or the channel's sender id when there is none)
 * @param conversationId the conversation asked in; in a private chat the private conversation's id
 * @param inGroup        asked in a group
 * @param admin          the sender is one of the bot's admins
 */
public record ToolAsker(String userId, String conversationId, boolean inGroup, boolean admin) {

    public ToolAsker {
        userId = Objects.requireNonNullElse(userId, "");
        conversationId = Objects.requireNonNullElse(conversationId, "");
    }
}
