package dev.dingbot.azure;

import dev.dingbot.openai.spi.OpenAiWire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Azure OpenAI's URLs (deployment style or v1) and its {@code api-key} header; no {@code user} field. */
final class AzureWire implements OpenAiWire {

    private final AzureSettings settings;

    AzureWire(AzureSettings settings) {
        this.settings = settings;
    }

    @Override
    public String url(Endpoint endpoint) {
        String root = settings.root() + "/openai";
        if (settings.apiStyle() == AzureSettings.ApiStyle.V1) {
            return root + "/v1" + switch (endpoint) {
                case CHAT_COMPLETIONS -> "/chat/completions";
                case IMAGE_GENERATIONS -> "/images/generations";
                case MODELS -> "/models";
            };
        }
        String path = switch (endpoint) {
            case CHAT_COMPLETIONS -> "/deployments/" + segment(settings.deployment()) + "/chat/completions";
            case IMAGE_GENERATIONS -> "/deployments/" + segment(settings.imageDeployment()) + "/images/generations";
            case MODELS -> "/models";
        };
        return root + path + "?api-version=" + URLEncoder.encode(settings.apiVersion(), StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of("api-key", key);
    }

    @Override
    public String provider() {
        return "Azure OpenAI";
    }

    @Override
    public boolean sendsUser() {
        return false; // Azure answered 500 to requests carrying "user"
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "AzureWire[" + settings.root() + ", " + settings.apiStyle() + "]";
    }
}
