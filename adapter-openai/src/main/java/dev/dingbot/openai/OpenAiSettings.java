package dev.dingbot.openai;

import dev.dingbot.core.provider.KeyPoolSettings;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible server. Build with {@link #builder(String, String, String)} (or take the
 * {@link #defaults(String, String, String)}) and change some of a value's settings through {@link #toBuilder()}.
 *
 * @param baseUrl              server base as configured: {@code https://x} gets {@code /v1} appended (as the original
 *                             did); a base already ending in {@code /v1} (or any {@code /vN}, e.g.
 *                             {@code .../compatible-mode/v1}) is kept; empty means {@code https://api.openai.com/v1}
 * @param apiKeys              the keys, each sent as a Bearer token in turn ({@link #apiKey()} is the first); a
 *                             key the server refuses is benched and the call sent again with the next; empty for a
 *                             server that takes none; never printed
 * @param model                chat model, a free string
 * @param imageModel           image model ({@code gpt-image-1}, {@code dall-e-3}, ...)
 * @param imageSize            e.g. {@code 1024x1024}
 * @param maxTokensField       which request field carries the answer limit
 * @param temperature          sent only when set and the model family accepts it; null leaves it out
 * @param proxy                {@code http://}, {@code https://} or {@code socks5://} URL with optional
 *                             {@code user:pass@}; empty for none
 * @param timeouts             connect, idle read and overall deadline of one call
 * @param retry                retry policy for transient failures
 * @param maxConcurrentStreams how many calls may run at once towards the server before they queue
 * @param balanceApi           where to ask for the account balance
 * @param keyPool              how long a refused key is benched, on which clock
 */
public record OpenAiSettings(String baseUrl, List<String> apiKeys, String model, String imageModel, String imageSize,
                             MaxTokensField maxTokensField, Double temperature, String proxy, Timeouts timeouts,
                             Retry retry, int maxConcurrentStreams, BalanceApi balanceApi, KeyPoolSettings keyPool) {

    public static final String OPENAI_BASE = "https://api.openai.com/v1";

    /** Which request field limits the answer. AUTO: {@code max_completion_tokens} for o1/o3/o4/gpt-5, else {@code max_tokens}. */
    public enum MaxTokensField { AUTO, MAX_TOKENS, MAX_COMPLETION_TOKENS }

    /** AUTO asks DeepSeek's {@code /user/balance} when the base URL is on api.deepseek.com, else reports no balance API. */
    public enum BalanceApi { AUTO, DEEPSEEK, NONE }


    public OpenAiSettings {
        baseUrl = Objects.requireNonNullElse(baseUrl, "").trim();
        apiKeys = Objects.requireNonNullElse(apiKeys, List.<String>of()).stream().map(OpenAiSettings::key).toList();
        model = Objects.requireNonNull(model, "model").trim();
        imageModel = Objects.requireNonNullElse(imageModel, "").trim();
        imageSize = Objects.requireNonNullElse(imageSize, "").trim();
        maxTokensField = Objects.requireNonNullElse(maxTokensField, MaxTokensField.AUTO);
        proxy = Objects.requireNonNullElse(proxy, "").trim();
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        if (maxConcurrentStreams < 1) throw new IllegalArgumentException("maxConcurrentStreams must be >= 1");
        balanceApi = Objects.requireNonNullElse(balanceApi, BalanceApi.AUTO);
        Objects.requireNonNull(keyPool, "keyPool");
    }

    private static String key(String key) {
        if (key == null || key.isBlank()) throw new IllegalArgumentException("apiKeys must not hold a blank key");
        return key.trim();
    }

    /** The first key, or "" when the server takes none. */
    public String apiKey() {
        return apiKeys.isEmpty() ? "" : apiKeys.get(0);
    }

    /** The {@linkplain Builder defaults} for one server, key and model. */
    public static OpenAiSettings defaults(String baseUrl, String apiKey, String model) {
        return builder(baseUrl, apiKey, model).build();
    }

    /**
     * Settings for one server, key ("" for none) and model with the {@linkplain Builder defaults}, each changeable
     * by name; {@link Builder#apiKeys} gives several keys.
     */
    public static Builder builder(String baseUrl, String apiKey, String model) {
        return new Builder(baseUrl, apiKey, model);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(baseUrl, "", model).apiKeys(apiKeys).imageModel(imageModel).imageSize(imageSize)
                .maxTokensField(maxTokensField).temperature(temperature).proxy(proxy).timeouts(timeouts).retry(retry)
                .maxConcurrentStreams(maxConcurrentStreams).balanceApi(balanceApi).keyPool(keyPool);
    }

    /**
     * Sensible defaults: image model gpt-image-1 at 1024x1024, connect 10 s, idle read 180 s, overall 10 min,
     * 2 retries (0.5 s doubling to 8 s, Retry-After up to 60 s, within 90 s), 100 concurrent calls, a refused key
     * benched for 10 min.
     */
    public static final class Builder {
        private final String baseUrl;
        private final String model;
        private List<String> apiKeys;
        private String imageModel = "gpt-image-1";
        private String imageSize = "1024x1024";
        private MaxTokensField maxTokensField = MaxTokensField.AUTO;
        private Double temperature;
        private String proxy = "";
        private Timeouts timeouts = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(180),
                Duration.ofMinutes(10));
        private Retry retry = new Retry(2, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60),
                Duration.ofSeconds(90));
        private int maxConcurrentStreams = 100;
        private BalanceApi balanceApi = BalanceApi.AUTO;
        private KeyPoolSettings keyPool = KeyPoolSettings.defaults();

        private Builder(String baseUrl, String apiKey, String model) {
            this.baseUrl = baseUrl;
            this.apiKeys = apiKey == null || apiKey.isBlank() ? List.of() : List.of(apiKey);
            this.model = model;
        }

        /** Several keys, used in turn, instead of the one the builder was made with. */
        public Builder apiKeys(List<String> value) { apiKeys = List.copyOf(value); return this; }
        public Builder keyPool(KeyPoolSettings value) { keyPool = value; return this; }

        public Builder imageModel(String value) { imageModel = value; return this; }
        public Builder imageSize(String value) { imageSize = value; return this; }
        public Builder maxTokensField(MaxTokensField value) { maxTokensField = value; return this; }
        public Builder temperature(Double value) { temperature = value; return this; }
        public Builder proxy(String value) { proxy = value; return this; }
        public Builder timeouts(Timeouts value) { timeouts = value; return this; }
        public Builder retry(Retry value) { retry = value; return this; }
        public Builder maxConcurrentStreams(int value) { maxConcurrentStreams = value; return this; }
        public Builder balanceApi(BalanceApi value) { balanceApi = value; return this; }

        public OpenAiSettings build() {
            return new OpenAiSettings(baseUrl, apiKeys, model, imageModel, imageSize, maxTokensField, temperature, proxy,
                    timeouts, retry, maxConcurrentStreams, balanceApi, keyPool);
        }
    }

    /** The API root all paths hang from, without a trailing slash, e.g. {@code https://api.openai.com/v1}. */
    public String apiBase() {
        if (baseUrl.isEmpty()) return OPENAI_BASE;
        String base = baseUrl.replaceAll("/+$", "");
        return base.matches("(?i).*/v\\d+") ? base : base + "/v1";
    }

    /** Whether the model belongs to a reasoning family that takes max_completion_tokens and no temperature. */
    boolean reasoningFamily() {
        String m = model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        if (slash >= 0) m = m.substring(slash + 1); // gateway names like "openai/o3-mini"
        return m.startsWith("o1") || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("gpt-5");
    }

    @Override
    public String toString() {
        return "OpenAiSettings[apiBase=" + Redaction.userInfo(apiBase())
                + ", apiKeys=" + (apiKeys.isEmpty() ? "(none)" : apiKeys.size() + " × ***")
                + ", model=" + model + ", imageModel=" + imageModel + ", imageSize=" + imageSize
                + ", maxTokensField=" + maxTokensField + ", temperature=" + temperature
                + ", proxy=" + (proxy.isEmpty() ? "(none)" : Redaction.userInfo(proxy)) + ", timeouts=" + timeouts
                + ", retry=" + retry + ", maxConcurrentStreams=" + maxConcurrentStreams + ", balanceApi=" + balanceApi
                + ", keyBench=" + keyPool.bench() + "]";
    }
}
