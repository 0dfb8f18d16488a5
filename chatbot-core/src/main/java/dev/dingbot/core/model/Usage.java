package dev.dingbot.core.model;

import java.util.Objects;

/**
 * Tokens a call used, as the provider reported them.
 *
 * @param provider the provider of a chain that answered; empty for a model without one
 */
public record Usage(String model, long promptTokens, long completionTokens, String provider) {

    public Usage {
        model = Objects.requireNonNullElse(model, "");
        provider = Objects.requireNonNullElse(provider, "");
    }

    public Usage(String model, long promptTokens, long completionTokens) {
        this(model, promptTokens, completionTokens, "");
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
