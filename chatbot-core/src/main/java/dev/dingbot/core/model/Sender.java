package dev.dingbot.core.model;

import java.util.Objects;

/**
 * Who wrote a message. {@code staffId} is empty for outgoing robots and some external users,
 * {@code id} is the channel's opaque sender id (DingTalk senderId).
 */
public record Sender(String staffId, String nick, String id) {

    public Sender {
        staffId = Objects.requireNonNullElse(staffId, "").trim();
        nick = Objects.requireNonNullElse(nick, "").trim();
        id = Objects.requireNonNullElse(id, "").trim();
    }

    public boolean hasStaffId() {
        return !staffId.isEmpty();
    }

    /** The original's "identifier": staffId when present, otherwise the nick. */
    public String identifier() {
        return hasStaffId() ? staffId : nick;
    }
}
