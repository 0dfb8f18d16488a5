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

    /**
     * Who the sender is for quotas, lanes and sessions: the staffId when present, otherwise the channel's sender id.
     * Never the nick, which the user can change (the original fell back to it, so a rename reset the quota).
     */
    public String identifier() {
        return hasStaffId() ? staffId : id;
    }
}
