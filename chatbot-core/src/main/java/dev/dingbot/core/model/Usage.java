package dev.dingbot.core.model;

import java.util.Objects;

/** Tokens a call used, as the provider reported them. */
public record Usage(String model, long promptTokens, long completionTokens) {

    public Usage {
        model = Objects.requireNonNullElse(model, "");
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
