package dev.dingbot.core.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one call to a model, as a value.
 *
 * @param text            the answer (possibly partial, see {@link ChatStatus#hasAnswer()}); never null
 * @param reasoning       reasoning text the model streamed apart from the answer; never shown in chat
 * @param usage           token usage when the provider reported it
 * @param providerMessage the provider's own words for a failure, the secrets the adapter knows masked: for the log
 *                        and an admin's reply, never for other users
 */
public record ChatResult(ChatStatus status, String text, String reasoning, Optional<Usage> usage, String providerMessage) {

    public ChatResult {
        Objects.requireNonNull(status, "status");
        text = Objects.requireNonNullElse(text, "");
        reasoning = Objects.requireNonNullElse(reasoning, "");
        usage = Objects.requireNonNullElse(usage, Optional.empty());
        providerMessage = Objects.requireNonNullElse(providerMessage, "");
    }

    public static ChatResult ok(String text, Usage usage) {
        return new ChatResult(ChatStatus.OK, text, "", Optional.ofNullable(usage), "");
    }

    public static ChatResult failed(ChatStatus status, String providerMessage) {
        return new ChatResult(status, "", "", Optional.empty(), providerMessage);
    }

    public boolean isOk() {
        return status == ChatStatus.OK;
    }
}
