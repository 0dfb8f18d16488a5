package dev.dingbot.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A sender's state in one conversation: the chosen mode, the context turns (text only) and the id of the last
 * answer row (the parent of the next question). {@code updatedAt} drives the sliding session timeout.
 */
public record Session(Mode mode, List<ChatTurn> context, long lastAnswerId, Instant updatedAt) {

    public Session {
        Objects.requireNonNull(mode, "mode");
        context = Objects.requireNonNullElse(context, List.<ChatTurn>of()).stream().map(ChatTurn::withoutImages).toList();
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
