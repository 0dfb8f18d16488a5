package dev.dingbot.anthropic;

import dev.dingbot.core.text.Redaction;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Anthropic Messages API. Build with {@link #builder(String, String, String)} (or take the
 * {@link #defaults(String, String, String)}) and change some of a value's settings through {@link #toBuilder()}.
 *
 * @param baseUrl              server root as configured, e.g. {@code https://api.anthropic.com}; a root already ending
 *                             in {@code /v1} is kept as it is; empty means {@value #ANTHROPIC_BASE}
 * @param apiKey               sent as {@code x-api-key}; never printed
 * @param model                chat model, a free string ({@code claude-sonnet-4-5}, ...)
 * @param maxTokens            the answer limit sent as {@code max_tokens} when the request sets none (the API
 *                             requires one on every request)
 * @param thinkingBudgetTokens tokens Claude may think for before it answers ({@code thinking.budget_tokens}, at least
 *                             1024); 0 asks for no thinking
 * @param proxy                {@code http://}, {@code https://} (both with optional {@code user:pass@}) or
 *                             {@code socks5://} URL; empty for none
 * @param timeouts             connect, idle read and overall deadline of one call
 * @param retry                retry policy for transient failures
 * @param maxConcurrentStreams how many calls may run at once towards the server before they queue
 */
public record AnthropicSettings(String baseUrl, String apiKey, String model, int maxTokens, int thinkingBudgetTokens,
                                String proxy, Timeouts timeouts, Retry retry, int maxConcurrentStreams) {

    public static final String ANTHROPIC_BASE = "https://api.anthropic.com";

    /** The smallest thinking budget the API takes. */
    public static final int MIN_THINKING_BUDGET = 1024;

    /**
     * @param connect  TCP/TLS connect
     * @param idleRead longest silence between two reads (the stream's {@code ping} events count as reads)
     * @param overall  whole call, including a streamed answer
     */
    public record Timeouts(Duration connect, Duration idleRead, Duration overall) {
        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(idleRead, "idleRead");
            Objects.requireNonNull(overall, "overall");
        }
    }

    /**
     * @param maxRetries    retries after the first attempt
     * @param baseDelay     first backoff; doubles per retry, with jitter
     * @param maxDelay      cap of one backoff
     * @param maxRetryAfter a server asking to wait longer than this is not retried (fail fast, "busy")
     * @param totalDeadline no retry starts after this much time since the first attempt
     */
    public record Retry(int maxRetries, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter,
                        Duration totalDeadline) {
        public Retry {
            if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0");
            Objects.requireNonNull(baseDelay, "baseDelay");
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
            Objects.requireNonNull(totalDeadline, "totalDeadline");
        }

        public static Retry none() {
            return new Retry(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
    }

    public AnthropicSettings {
        baseUrl = Objects.requireNonNullElse(baseUrl, "").trim();
        apiKey = Objects.requireNonNullElse(apiKey, "").trim();
        model = Objects.requireNonNull(model, "model").trim();
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1");
        if (thinkingBudgetTokens != 0 && thinkingBudgetTokens < MIN_THINKING_BUDGET) {
            throw new IllegalArgumentException("thinkingBudgetTokens must be 0 (no thinking) or >= " + MIN_THINKING_BUDGET);
        }
        proxy = Objects.requireNonNullElse(proxy, "").trim();
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        if (maxConcurrentStreams < 1) throw new IllegalArgumentException("maxConcurrentStreams must be >= 1");
    }

    /** The {@linkplain Builder defaults} for one server, key and model. */
    public static AnthropicSettings defaults(String baseUrl, String apiKey, String model) {
        return builder(baseUrl, apiKey, model).build();
    }

    /** Settings for one server, key and model with the {@linkplain Builder defaults}, each changeable by name. */
    public static Builder builder(String baseUrl, String apiKey, String model) {
        return new Builder(baseUrl, apiKey, model);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(baseUrl, apiKey, model).maxTokens(maxTokens).thinkingBudgetTokens(thinkingBudgetTokens)
                .proxy(proxy).timeouts(timeouts).retry(retry).maxConcurrentStreams(maxConcurrentStreams);
    }

    /**
     * Defaults: answers up to 4096 tokens, no thinking, connect 10 s, idle read 180 s, overall 10 min, 2 retries
     * (0.5 s doubling to 8 s, Retry-After up to 60 s, within 90 s), 100 concurrent calls: the OpenAI adapter's.
     */
    public static final class Builder {
        private final String baseUrl;
        private final String apiKey;
        private final String model;
        private int maxTokens = 4096;
        private int thinkingBudgetTokens;
        private String proxy = "";
        private Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(180),
                Duration.ofMinutes(10));
        private Retry retry = new Retry(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60),
                Duration.ofSeconds(90));
        private int maxConcurrentStreams = 100;

        private Builder(String baseUrl, String apiKey, String model) {
            this.baseUrl = baseUrl;
            this.apiKey = apiKey;
            this.model = model;
        }

        public Builder maxTokens(int value) { maxTokens = value; return this; }
        public Builder thinkingBudgetTokens(int value) { thinkingBudgetTokens = value; return this; }
        public Builder proxy(String value) { proxy = value; return this; }
        public Builder timeouts(Timeouts value) { timeouts = value; return this; }
        public Builder retry(Retry value) { retry = value; return this; }
        public Builder maxConcurrentStreams(int value) { maxConcurrentStreams = value; return this; }

        public AnthropicSettings build() {
            return new AnthropicSettings(baseUrl, apiKey, model, maxTokens, thinkingBudgetTokens, proxy, timeouts,
                    retry, maxConcurrentStreams);
        }
    }

    /** Where questions go: {@code <base>/v1/messages}. */
    public String messagesUrl() {
        String base = baseUrl.isEmpty() ? ANTHROPIC_BASE : baseUrl.replaceAll("/+$", "");
        return (base.matches("(?i).*/v1") ? base : base + "/v1") + "/messages";
    }

    @Override
    public String toString() {
        return "AnthropicSettings[messagesUrl=" + Redaction.userInfo(messagesUrl())
                + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "***") + ", model=" + model
                + ", maxTokens=" + maxTokens + ", thinkingBudgetTokens=" + thinkingBudgetTokens
                + ", proxy=" + (proxy.isEmpty() ? "(none)" : Redaction.userInfo(proxy)) + ", timeouts=" + timeouts
                + ", retry=" + retry + ", maxConcurrentStreams=" + maxConcurrentStreams + "]";
    }
}
