package dev.dingbot.core.model;

/** Who said a turn of a conversation with the model. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT
}
