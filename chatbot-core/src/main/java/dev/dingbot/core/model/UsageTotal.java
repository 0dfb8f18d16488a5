package dev.dingbot.core.model;

import java.util.Objects;

/** Tokens one model used over a span of days, at one provider (empty: a model without a chain of providers). */
public record UsageTotal(String model, long promptTokens, long completionTokens, String provider) {

    public UsageTotal {
        model = Objects.requireNonNullElse(model, "");
        provider = Objects.requireNonNullElse(provider, "");
    }

    public UsageTotal(String model, long promptTokens, long completionTokens) {
        this(model, promptTokens, completionTokens, "");
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
