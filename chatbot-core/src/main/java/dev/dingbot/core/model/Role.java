package dev.dingbot.core.model;

/** Who said a turn of a conversation with the model. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT,
    /** A tool's result, in answer to one of the assistant's tool calls; never kept in a session. */
    TOOL
}
