package dev.dingbot.openai.spi;

import java.util.Map;

/**
 * The part of the OpenAI wire that differs between servers speaking it: where each operation lives and how a call
 * authenticates. Bodies, the stream reader, error classification, retries and the key pool are shared. The plain OpenAI wire
 * (Bearer key, {@code {base}/chat/completions}) is the default; Azure OpenAI supplies its own through
 * {@code OpenAiProvider.create(settings, wire)}.
 */
public interface OpenAiWire {

    /** The operations the adapter calls. */
    enum Endpoint { CHAT_COMPLETIONS, IMAGE_GENERATIONS, MODELS }

    /** Absolute URL of an operation, query included (e.g. Azure's {@code ?api-version=}). */
    String url(Endpoint endpoint);

    /**
     * Headers that authenticate a call with this key (e.g. {@code Authorization: Bearer ...} or {@code api-key:
     * ...}). The keys are the settings' {@code apiKeys}, taken in turn from the provider's key pool.
     */
    Map<String, String> authHeaders(String key);

    /** Names the provider in log lines, e.g. when one of its keys is refused. */
    default String provider() {
        return "OpenAI";
    }

    /** Whether requests carry the {@code user} field (Azure answered 500 to it, so it sends none). */
    boolean sendsUser();
}
