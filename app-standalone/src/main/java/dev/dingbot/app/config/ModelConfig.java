package dev.dingbot.app.config;

import dev.dingbot.core.text.Redaction;

import java.time.Duration;
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
                          String azureDeploymentName, String azureApiVersion) {

    public enum Kind { OPENAI, AZURE }

    public ModelConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(apiKey, "apiKey");
    }

    @Override
    public String toString() {
        return "ModelConfig[kind=" + kind + ", baseUrl=" + Redaction.userInfo(baseUrl)
                + ", apiKey=" + (apiKey.isEmpty() ? "" : "***")
                + ", model=" + model + ", imageModel=" + imageModel + ", imageSize=" + imageSize + ", proxy="
                + Redaction.userInfo(proxy) + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", deadline="
                + deadline + ", maxRetries=" + maxRetries + ", azureResourceName=" + azureResourceName
                + ", azureDeploymentName=" + azureDeploymentName + ", azureApiVersion=" + azureApiVersion + "]";
    }
}
