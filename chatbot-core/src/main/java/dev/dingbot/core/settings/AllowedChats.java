package dev.dingbot.core.settings;

/** The original's {@code chat_type}: "0" all chats, "1" private only, "2" group only. */
public enum AllowedChats {
    ALL,
    PRIVATE_ONLY,
    GROUP_ONLY
}
