package dev.dingbot.core.model;

/** Whether a sender's questions are answered alone or with the conversation so far. */
public enum Mode {
    /** 单聊: every question stands alone. */
    SINGLE("单聊"),
    /** 串聊: questions carry the context of earlier turns. */
    CONTEXT("串聊");

    private final String command;

    Mode(String command) {
        this.command = command;
    }

    /** The chat command that switches to this mode. */
    public String command() {
        return command;
    }
}
