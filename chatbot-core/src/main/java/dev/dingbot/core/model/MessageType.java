package dev.dingbot.core.model;

/** The kind of content a user sent. Only some can be answered; the rest get a short "not supported" reply. */
public enum MessageType {
    TEXT,
    RICH_TEXT,
    PICTURE,
    AUDIO,
    FILE,
    VIDEO,
    UNKNOWN
}
