package dev.dingbot.azure;

import dev.dingbot.core.text.Redaction;
import dev.dingbot.openai.OpenAiSettings;

import java.util.Objects;

/**
 * How to reach Azure OpenAI. Build with {@link #defaults(String, String, String)} and adjust with the {@code with...}
 * methods.
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
 * @param apiKey               sent as the {@code api-key} header; never printed
 * @param apiStyle             {@code /openai/deployments/{d}/...?api-version=} or the newer {@code /openai/v1/...}
 * @param maxTokensField       which request field carries the answer limit
 * @param temperature          null leaves it out
 * @param proxy                {@code http://}, {@code https://} or {@code socks5://} URL, optional {@code user:pass@}
 * @param timeouts             connect, idle read and overall deadline of one call
 * @param retry                retry policy for transient failures
 * @param maxConcurrentStreams how many calls may run at once before they queue
 */
public record AzureSettings(String resourceName, String endpoint, String deployment, String imageDeployment,
                            String imageSize, String apiVersion, String apiKey, ApiStyle apiStyle,
                            OpenAiSettings.MaxTokensField maxTokensField, Double temperature, String proxy,
                            OpenAiSettings.Timeouts timeouts, OpenAiSettings.Retry retry, int maxConcurrentStreams) {

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
        apiKey = Objects.requireNonNullElse(apiKey, "").trim();
        apiStyle = Objects.requireNonNullElse(apiStyle, ApiStyle.DEPLOYMENTS);
        maxTokensField = Objects.requireNonNullElse(maxTokensField, OpenAiSettings.MaxTokensField.AUTO);
        proxy = Objects.requireNonNullElse(proxy, "").trim();
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(retry, "retry");
        if (resourceName.isEmpty() && endpoint.isEmpty()) {
            throw new IllegalArgumentException("Azure OpenAI needs a resource name or an endpoint");
        }
        if (deployment.isEmpty()) throw new IllegalArgumentException("Azure OpenAI needs a deployment name");
    }

    /** Deployment-style API at {@link #DEFAULT_API_VERSION}, with the timeouts, retries and limits of {@link OpenAiSettings#defaults}. */
    public static AzureSettings defaults(String resourceName, String deployment, String apiKey) {
        var base = OpenAiSettings.defaults("", apiKey, deployment);
        return new AzureSettings(resourceName, "", deployment, "", base.imageSize(), DEFAULT_API_VERSION, apiKey,
                ApiStyle.DEPLOYMENTS, OpenAiSettings.MaxTokensField.AUTO, null, "", base.timeouts(), base.retry(),
                base.maxConcurrentStreams());
    }

    public AzureSettings withEndpoint(String endpoint) {
        return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion, apiKey,
                apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams);
    }

    public AzureSettings withApi(ApiStyle apiStyle, String apiVersion) {
        return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion, apiKey,
                apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams);
    }

    public AzureSettings withImage(String imageDeployment, String imageSize) {
        return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion, apiKey,
                apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams);
    }

    public AzureSettings withModelOptions(OpenAiSettings.MaxTokensField maxTokensField, Double temperature) {
        return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion, apiKey,
                apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams);
    }

    public AzureSettings withProxy(String proxy) {
        return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion, apiKey,
                apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams);
    }

    public AzureSettings withTimeouts(OpenAiSettings.Timeouts timeouts) {
        return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion, apiKey,
                apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams);
    }

    public AzureSettings withRetry(OpenAiSettings.Retry retry) {
        return new AzureSettings(resourceName, endpoint, deployment, imageDeployment, imageSize, apiVersion, apiKey,
                apiStyle, maxTokensField, temperature, proxy, timeouts, retry, maxConcurrentStreams);
    }

    /** {@code https://{resource}.openai.azure.com}, or the configured endpoint without trailing slashes or {@code /openai[/v1]}. */
    public String root() {
        if (endpoint.isEmpty()) return "https://" + resourceName + ".openai.azure.com";
        return endpoint.replaceAll("/+$", "").replaceAll("(?i)/openai(/v1)?$", "");
    }

    /** The shared wire's settings: everything but URLs and authentication, which the Azure wire supplies. */
    OpenAiSettings wireSettings() {
        return new OpenAiSettings(root(), "", deployment, imageDeployment, imageSize, maxTokensField, temperature,
                proxy, timeouts, retry, maxConcurrentStreams, OpenAiSettings.BalanceApi.NONE);
    }

    @Override
    public String toString() {
        return "AzureSettings[root=" + Redaction.userInfo(root()) + ", deployment=" + deployment
                + ", imageDeployment=" + imageDeployment
                + ", apiVersion=" + apiVersion + ", apiStyle=" + apiStyle + ", apiKey=" + (apiKey.isEmpty() ? "(none)" : "***")
                + ", proxy=" + (proxy.isEmpty() ? "(none)" : Redaction.userInfo(proxy))
                + ", maxTokensField=" + maxTokensField + ", temperature=" + temperature + ", timeouts=" + timeouts
                + ", retry=" + retry + ", maxConcurrentStreams=" + maxConcurrentStreams + "]";
    }
}
