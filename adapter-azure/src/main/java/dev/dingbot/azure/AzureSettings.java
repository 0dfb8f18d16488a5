package dev.dingbot.azure;

import dev.dingbot.core.provider.KeyPoolSettings;
import dev.dingbot.core.text.Redaction;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;
import dev.dingbot.openai.OpenAiSettings;

import java.util.List;
import java.util.Objects;

/**
 * How to reach Azure OpenAI. Build with {@link #builder(String, String, String)} (or take the
 * {@link #defaults(String, String, String)}) and change some of a value's settings through {@link #toBuilder()}.
 *
 * @param resourceName         the resource, giving {@code https://{resourceName}.openai.azure.com}
 * @param endpoint             a full endpoint instead of the resource name (another cloud, a gateway, a test
 *                             server); empty to use the resource name
 * @param deployment           the chat deployment; also sent as {@code model} and used to pick the max-tokens field
 *                             when that is AUTO, so name deployments after their model or set the field
 * @param imageDeployment      the image deployment (gpt-image-1, dall-e-3); empty when images are not deployed
 * @param imageSize            e.g. {@code 1024x1024}
 * @param apiVersion           the {@code api-version} query of the deployment-style API, e.g. {@code 2024-10-21};
 *                             gpt-image-1 needs {@code 2025-04-01-preview} or newer
 * @param apiKeys              the keys (a resource has two), each sent as the {@code api-key} header in turn
 *                             ({@link #apiKey()} is the first); a refused one is benched and the call sent again
 *                             with the next; never printed
 * @param apiStyle             {@code /openai/deployments/{d}/...?api-version=} or the newer {@code /openai/v1/...}
 * @param maxTokensField       which request field carries the answer limit
 * @param temperature          null leaves it out
 * @param proxy                {@code http://}, {@code https://} or {@code socks5://} URL, optional {@code user:pass@}
 * @param timeouts             connect, idle read and overall deadline of one call
 * @param retry                retry policy for transient failures
 * @param maxConcurrentStreams how many calls may run at once before they queue
 * @param keyPool              how long a refused key is benched, on which clock
 */
public record AzureSettings(String resourceName, String endpoint, String deployment, String imageDeployment,
                            String imageSize, String apiVersion, List<String> apiKeys, ApiStyle apiStyle,
                            OpenAiSettings.MaxTokensField maxTokensField, Double temperature, String proxy,
                            Timeouts timeouts, Retry retry, int maxConcurrentStreams,
                            KeyPoolSettings keyPool) {

    public static final String DEFAULT_API_VERSION = "2024-10-21";

    /** DEPLOYMENTS: {@code /openai/deployments/{deployment}/chat/completions?api-version=...}; V1: {@code /openai/v1/chat/completions}. */
    public enum ApiStyle { DEPLOYMENTS, V1 }

    public AzureSettings {
        resourceName = Objects.requireNonNullElse(resourceName, "").trim();
        endpoint = Objects.requireNonNullElse(endpoint, "").trim();
        deployment = Objects.requireNonNull(deployment, "deployment").trim();
        imageDeployment = Objects.requireNonNullElse(imageDeployment, "").trim();
        imageSize = Objects.requireNonNullElse(imageSize, "").trim();
        apiVersion = Objects.requireNonNullElse(apiVersion, "").isBlank() ? DEFAULT_API_VERSION : apiVersion.trim();
        apiKeys = Objects.requireNonNullElse(apiKeys, List.<String>of()).stream().map(AzureSettings::key).toList();
        apiStyle = Objects.requireNonNullElse(apiStyle, ApiStyle.DEPLOYMENTS);
        maxTokensField = Objects.requireNonNullElse(maxTokensField, OpenAiSettings.MaxTokensField.AUTO);
        proxy = Objects.requireNonNullElse(proxy, "").trim();
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        if (resourceName.isEmpty() && endpoint.isEmpty()) {
            throw new IllegalArgumentException("Azure OpenAI needs a resource name or an endpoint");
        }
        if (deployment.isEmpty()) throw new IllegalArgumentException("Azure OpenAI needs a deployment name");
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

    /** The {@linkplain Builder defaults} for one resource, deployment and key. */
    public static AzureSettings defaults(String resourceName, String deployment, String apiKey) {
        return builder(resourceName, deployment, apiKey).build();
    }

    /** Settings for one resource, deployment and key with the {@linkplain Builder defaults}, each changeable. */
    public static Builder builder(String resourceName, String deployment, String apiKey) {
        return new Builder(resourceName, deployment, apiKey);
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder(resourceName, deployment, "").apiKeys(apiKeys).endpoint(endpoint).imageDeployment(imageDeployment)
                .imageSize(imageSize).apiVersion(apiVersion).apiStyle(apiStyle).maxTokensField(maxTokensField)
                .temperature(temperature).proxy(proxy).timeouts(timeouts).retry(retry)
                .maxConcurrentStreams(maxConcurrentStreams).keyPool(keyPool);
    }

    /**
     * Deployment-style API at {@link #DEFAULT_API_VERSION}, no image deployment, with the image size, timeouts,
     * retries and limits of {@link OpenAiSettings#defaults}.
     */
    public static final class Builder {
        private static final OpenAiSettings BASE = OpenAiSettings.defaults("", "", "");
        private final String resourceName;
        private final String deployment;
        private List<String> apiKeys;
        private String endpoint = "";
        private String imageDeployment = "";
        private String imageSize = BASE.imageSize();
        private String apiVersion = DEFAULT_API_VERSION;
        private ApiStyle apiStyle = ApiStyle.DEPLOYMENTS;
        private OpenAiSettings.MaxTokensField maxTokensField = OpenAiSettings.MaxTokensField.AUTO;
        private Double temperature;
        private String proxy = "";
        private Timeouts timeouts = BASE.timeouts();
        private Retry retry = BASE.retry();
        private int maxConcurrentStreams = BASE.maxConcurrentStreams();
        private KeyPoolSettings keyPool = BASE.keyPool();

        private Builder(String resourceName, String deployment, String apiKey) {
            this.resourceName = resourceName;
            this.deployment = deployment;
            this.apiKeys = apiKey == null || apiKey.isBlank() ? List.of() : List.of(apiKey);
        }

        /** Several keys, used in turn, instead of the one the builder was made with. */
        public Builder apiKeys(List<String> value) { apiKeys = List.copyOf(value); return this; }
        public Builder keyPool(KeyPoolSettings value) { keyPool = value; return this; }

        public Builder endpoint(String value) { endpoint = value; return this; }
        public Builder imageDeployment(String value) { imageDeployment = value; return this; }
        public Builder imageSize(String value) { imageSize = value; return this; }
        public Builder apiVersion(String value) { apiVersion = value; return this; }
        public Builder apiStyle(ApiStyle value) { apiStyle = value; return this; }
        public Builder maxTokensField(OpenAiSettings.MaxTokensField value) { maxTokensField = value; return this; }
        public Builder temperature(Double value) { temperature = value; return this; }
        public Builder proxy(String value) { proxy = value; return this; }
        public Builder timeouts(Timeouts value) { timeouts = value; return this; }
        public Builder retry(Retry value) { retry = value; return this; }
        public Builder maxConcurrentStreams(int value) { maxConcurrentStreams = value; return this; }

        public AzureSettings build() {
            return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion,
                    apiKeys, apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams, keyPool);
        }
    }

    /** {@code https://{resource}.openai.azure.com}, or the configured endpoint without trailing slashes or {@code /openai[/v1]}. */
    public String root() {
        if (endpoint.isEmpty()) return "https://" + resourceName + ".openai.azure.com";
        return endpoint.replaceAll("/+$", "").replaceAll("(?i)/openai(/v1)?$", "");
    }

    /** The shared wire's settings: everything but URLs and how a key is sent, which the Azure wire supplies. */
    OpenAiSettings wireSettings() {
        return OpenAiSettings.builder(root(), "", deployment).apiKeys(apiKeys).keyPool(keyPool).imageModel(imageDeployment).imageSize(imageSize)
                .maxTokensField(maxTokensField).temperature(temperature).proxy(proxy).timeouts(timeouts).retry(retry)
                .maxConcurrentStreams(maxConcurrentStreams).balanceApi(OpenAiSettings.BalanceApi.NONE).build();
    }

    @Override
    public String toString() {
        return "AzureSettings[root=" + Redaction.userInfo(root()) + ", deployment=" + deployment
                + ", imageDeployment=" + imageDeployment
                + ", apiVersion=" + apiVersion + ", apiStyle=" + apiStyle + ", apiKeys=" + (apiKeys.isEmpty() ? "(none)" : apiKeys.size() + " × ***")
                + ", proxy=" + (proxy.isEmpty() ? "(none)" : Redaction.userInfo(proxy))
                + ", maxTokensField=" + maxTokensField + ", temperature=" + temperature + ", timeouts=" + timeouts
                + ", retry=" + retry + ", maxConcurrentStreams=" + maxConcurrentStreams + "]";
    }
}
