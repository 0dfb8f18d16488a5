package dev.dingbot.app.config;

import dev.dingbot.core.text.Redaction;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an LLM adapter needs, provider-neutral; mapped by the composition root to the adapter's own settings.
 *
 * @param baseUrl   OpenAI-compatible base URL without {@code /v1}; empty for the official endpoint or Azure
 * @param apiKey    the OpenAI key, or the Azure {@code api-key}; never printed
 * @param proxy     proxy URL (http, https, socks5); empty for none; used for OpenAI and Azure alike
 * @param deadline  the longest one answer may take, streaming included
 */
public record ModelConfig(Kind kind, String baseUrl, String apiKey, String model, String imageModel,
                          String imageSize, String proxy, Duration connectTimeout, Duration readTimeout,
                          Duration deadline, int maxRetries, String azureResourceName,
                          String azureDeploymentName, String azureApiVersion, List<Provider> providers) {

    public enum Kind { OPENAI, AZURE, ANTHROPIC }

    /**
     * One provider of the chain, in fallback order: the {@code providers} entries, or without them the one the
     * original's keys describe.
     *
     * @param apiKeys never printed
     * @param models  the first is the provider's default
     * @param proxy   for this provider's host ({@code no_proxy} applied)
     */
    public record Provider(String name, Kind kind, String baseUrl, List<String> apiKeys, List<String> models,
                           AzureTarget azure, String proxy) {
        public Provider {
            apiKeys = List.copyOf(apiKeys);
            models = List.copyOf(models);
        }

        @Override
        public String toString() {
            return "Provider[name=" + name + ", kind=" + kind + ", baseUrl=" + Redaction.userInfo(baseUrl)
                    + ", apiKeys=" + apiKeys.size() + " × ***, models=" + models + ", azure=" + azure + ", proxy="
                    + Redaction.userInfo(proxy) + "]";
        }
    }

    /** Where an Azure deployment is. */
    public record AzureTarget(String resourceName, String deploymentName, String apiVersion) { }

    public ModelConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiKey, "apiKey");
        providers = List.copyOf(providers);
        if (providers.isEmpty()) throw new IllegalArgumentException("a model configuration needs a provider");
    }

    @Override
    public String toString() {
        return "ModelConfig[kind=" + kind + ", baseUrl=" + Redaction.userInfo(baseUrl)
                + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
                + ", model=" + model + ", imageModel=" + imageModel + ", imageSize=" + imageSize + ", proxy="
                + Redaction.userInfo(proxy) + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", deadline="
                + deadline + ", maxRetries=" + maxRetries + ", azureResourceName=" + azureResourceName
                + ", azureDeploymentName=" + azureDeploymentName + ", azureApiVersion=" + azureApiVersion
                + ", providers=" + providers + "]";
    }
}
