package dev.dingbot.anthropic;

import dev.dingbot.core.provider.KeyPoolSettings;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach the Anthropic Messages API. Build with {@link #builder(String, String, String)} (or take the
 * {@link #defaults(String, String, String)}) and change some of a value's settings through {@link #toBuilder()}.
 *
 * @param baseUrl              server root as configured, e.g. {@code https://api.anthropic.com}; a root already ending
 *                             in {@code /v1} is kept as it is; empty means {@value #ANTHROPIC_BASE}
 * @param apiKeys              the keys, each sent as {@code x-api-key} in turn ({@link #apiKey()} is the first); a key
 *                             the API refuses (credentials, credit) is benched and the call sent again with the
 *                             next; never printed
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
 * @param keyPool              how long a refused key is benched, on which clock
 */
public record AnthropicSettings(String baseUrl, List<String> apiKeys, String model, int maxTokens,
                                int thinkingBudgetTokens, String proxy, Timeouts timeouts, Retry retry,
                                int maxConcurrentStreams, KeyPoolSettings keyPool) {

    public static final String ANTHROPIC_BASE = "https://api.anthropic.com";

    /** The smallest thinking budget the API takes. */
    public static final int MIN_THINKING_BUDGET = 1024;


    public AnthropicSettings {
        baseUrl = Objects.requireNonNullElse(baseUrl, "").trim();
        apiKeys = Objects.requireNonNullElse(apiKeys, List.<String>of()).stream().map(AnthropicSettings::key).toList();
        model = Objects.requireNonNull(model, "model").trim();
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1");
        if (thinkingBudgetTokens != 0 && thinkingBudgetTokens < MIN_THINKING_BUDGET) {
            throw new IllegalArgumentException("thinkingBudgetTokens must be 0 (no thinking) or >= " + MIN_THINKING_BUDGET);
        }
        proxy = Objects.requireNonNullElse(proxy, "").trim();
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        if (maxConcurrentStreams < 1) throw new IllegalArgumentException("maxConcurrentStreams must be >= 1");
        Objects.requireNonNull(keyPool, "keyPool");
    }

    private static String key(String key) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("apiKeys must not hold a blank key");
        return key.trim();
    }

    /** The first key, or "" when none is set. */
    public String apiKey() {
        return apiKeys.isEmpty() ? "" : apiKeys.get(0);
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
        return new Builder(baseUrl, "", model).apiKeys(apiKeys).maxTokens(maxTokens).thinkingBudgetTokens(thinkingBudgetTokens)
                .proxy(proxy).timeouts(timeouts).retry(retry).maxConcurrentStreams(maxConcurrentStreams).keyPool(keyPool);
    }

    /**
     * Defaults: answers up to 4096 tokens, no thinking, connect 10 s, idle read 180 s, overall 10 min, 2 retries
     * (0.5 s doubling to 8 s, Retry-After up to 60 s, within 90 s), 100 concurrent calls, a refused key benched for
     * 10 min: the OpenAI adapter's.
     */
    public static final class Builder {
        private final String baseUrl;
        private final String model;
        private List<String> apiKeys;
        private int maxTokens = 4096;
        private int thinkingBudgetTokens;
        private String proxy = "";
        private Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(180),
                Duration.ofMinutes(10));
        private Retry retry = new Retry(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60),
                Duration.ofSeconds(90));
        private int maxConcurrentStreams = 100;
        private KeyPoolSettings keyPool = KeyPoolSettings.defaults();

        private Builder(String baseUrl, String apiKey, String model) {
            this.baseUrl = baseUrl;
            this.apiKeys = apiKey == null || apiKey.isBlank() ? List.of() : List.of(apiKey);
            this.model = model;
        }

        /** Several keys, used in turn, instead of the one the builder was made with. */
        public Builder apiKeys(List<String> value) { apiKeys = List.copyOf(value); return this; }
        public Builder keyPool(KeyPoolSettings value) { keyPool = value; return this; }

        public Builder maxTokens(int value) { maxTokens = value; return this; }
        public Builder thinkingBudgetTokens(int value) { thinkingBudgetTokens = value; return this; }
        public Builder proxy(String value) { proxy = value; return this; }
        public Builder timeouts(Timeouts value) { timeouts = value; return this; }
        public Builder retry(Retry value) { retry = value; return this; }
        public Builder maxConcurrentStreams(int value) { maxConcurrentStreams = value; return this; }

        public AnthropicSettings build() {
            return new AnthropicSettings(baseUrl, apiKeys, model, maxTokens, thinkingBudgetTokens, proxy, timeouts,
                    retry, maxConcurrentStreams, keyPool);
        }
    }

    /** Where questions go: {@code <base>/v1/messages}. */
    public String messagesUrl() {
        return v1() + "/messages";
    }

    /** Where the models are listed, the cheap call that probes a key: {@code <base>/v1/models}. */
    public String modelsUrl() {
        return v1() + "/models";
    }

    private String v1() {
        String base = baseUrl.isEmpty() ? ANTHROPIC_BASE : baseUrl.replaceAll("/+$", "");
        return base.matches("(?i).*/v1") ? base : base + "/v1";
    }

    @Override
    public String toString() {
        return "AnthropicSettings[messagesUrl=" + Redaction.userInfo(messagesUrl())
                + ", apiKeys=" + (apiKeys.isEmpty() ? "(none)" : apiKeys.size() + " × ***") + ", model=" + model
                + ", maxTokens=" + maxTokens + ", thinkingBudgetTokens=" + thinkingBudgetTokens
                + ", proxy=" + (proxy.isEmpty() ? "(none)" : Redaction.userInfo(proxy)) + ", timeouts=" + timeouts
                + ", retry=" + retry + ", maxConcurrentStreams=" + maxConcurrentStreams
                + ", keyBench=" + keyPool.bench() + "]";
    }
}
