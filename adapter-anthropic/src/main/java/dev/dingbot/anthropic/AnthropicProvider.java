package dev.dingbot.anthropic;

import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.provider.KeyProbe;

import java.util.List;

/**
 * Claude over the Anthropic Messages API: its {@link ChatModel}, on one HTTP client. Close it at shutdown to release
 * connections and threads.
 */
public final class AnthropicProvider implements AutoCloseable {

    private final AnthropicSettings settings;
    private final AnthropicChatModel chatModel;

    private AnthropicProvider(AnthropicSettings settings) {
        this.settings = settings;
        this.chatModel = AnthropicChatModel.open(settings);
    }

    /** @throws IllegalArgumentException when the base URL or the proxy cannot be used */
    public static AnthropicProvider create(AnthropicSettings settings) {
        return new AnthropicProvider(settings);
    }

    public ChatModel chatModel() {
        return chatModel;
    }

    /** Lists the models once with each key, for {@code check}: whether each works. */
    public List<KeyProbe> probeKeys() {
        return chatModel.probeKeys();
    }

    @Override
    public void close() {
        chatModel.close();
    }

    @Override
    public String toString() {
        return "AnthropicProvider[" + settings + "]";
    }
}
