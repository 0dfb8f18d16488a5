package dev.dingbot.core.model;

/** Where a message was written: a private chat with the bot or a group (DingTalk conversationType 1 / 2). */
public enum ChatKind {
    PRIVATE,
    GROUP
}
