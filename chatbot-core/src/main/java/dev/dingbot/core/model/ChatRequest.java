package dev.dingbot.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What to ask the model.
 *
 * @param turns           system prompt (optional), earlier turns and the question, oldest first
 * @param user            a stable id of the asking user, for providers that take one
 * @param maxAnswerTokens upper bound on the answer length, in tokens
 */
public record ChatRequest(List<ChatTurn> turns, String user, int maxAnswerTokens) {

    public ChatRequest {
        turns = List.copyOf(Objects.requireNonNull(turns, "turns"));
        user = Objects.requireNonNullElse(user, "");
    }
}
