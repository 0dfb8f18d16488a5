package dev.dingbot.core.model;

/** Tokens one model used over a span of days. */
public record UsageTotal(String model, long promptTokens, long completionTokens) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
