package dev.dingbot.openai;

import dev.dingbot.openai.spi.OpenAiWire;

import java.util.Map;

/** The plain OpenAI wire: {@code {apiBase}/chat/completions} with a Bearer key. */
final class BearerWire implements OpenAiWire {

    private final String apiBase;

    BearerWire(OpenAiSettings settings) {
        this.apiBase = settings.apiBase();
    }

    @Override
    public String url(Endpoint endpoint) {
        return apiBase + switch (endpoint) {
            case CHAT_COMPLETIONS -> "/chat/completions";
            case IMAGE_GENERATIONS -> "/images/generations";
            case MODELS -> "/models";
        };
    }

    @Override
    public Map<String, String> authHeaders(String key) {
        return Map.of("Authorization", "Bearer " + key);
    }

    @Override
    public boolean sendsUser() {
        return true;
    }

    @Override
    public String toString() {
        return "BearerWire[" + apiBase + "]";
    }
}
