package dev.dingbot.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ToolCall;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Prompt tokens as OpenAI counts them (the cookbook recipe): 3 per message, plus role and content, plus 3 for the
 * reply primer, plus a fixed allowance per image. Models jtokkit does not know (gpt-5, o3, deepseek-*) fall back to
 * o200k_base, which is only an estimate for other vendors' tokenizers.
 *
 * <p>Tool traffic is an approximation on the high side, since OpenAI does not publish how it renders it: an
 * assistant's call costs 3 plus its name and arguments; a tool's result is a message like any other (its call id
 * costs nothing). The tools a request offers are counted by core's trimming, as one more message holding their
 * names, descriptions and schemas.
 */
final class TokenCounter {

    /** Conservative cost of one image at detail "auto"; the real figure depends on size and model. */
    static final int TOKENS_PER_IMAGE = 1000;
    private static final int PER_MESSAGE = 3;
    private static final int REPLY_PRIMER = 3;
    private static final int PER_TOOL_CALL = 3;

    /** A thread of its own per load, so that start-up goes on meanwhile and no shared pool is held up. */
    private static final Executor LOADER = task -> {
        Thread thread = new Thread(task, "tokenizer-load");
        thread.setDaemon(true);
        thread.start();
    };

    private final CompletableFuture<Encoding> encoding;

    /**
     * Starts loading the vocabulary in the background at once: it takes a second or more of CPU, and loaded on the
     * first question instead, every question of a first burst would wait for it.
     */
    TokenCounter(String model) {
        this.encoding = CompletableFuture.supplyAsync(() -> encodingFor(model), LOADER);
    }

    private Encoding encoding() {
        return encoding.join();
    }

    /**
     * jtokkit's prefix matching maps gpt-4.1 and gpt-4.5 to gpt-4's cl100k_base, and knows nothing newer than
     * gpt-4o; the newer OpenAI families are therefore settled here, anything else unknown falls back to o200k_base.
     */
    static Encoding encodingFor(String model) {
        EncodingRegistry registry = Registry.INSTANCE;
        String m = model.toLowerCase(Locale.ROOT);
        if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.") || m.startsWith("gpt-5") || m.matches("o\\d.*")) {
            return registry.getEncoding(EncodingType.O200K_BASE);
        }
        return registry.getEncodingForModel(model).orElseGet(() -> registry.getEncoding(EncodingType.O200K_BASE));
    }

    int count(List<ChatTurn> turns) {
        Encoding encoding = encoding();
        int total = REPLY_PRIMER;
        for (ChatTurn turn : turns) {
            // Ordinary counting: a user may type "<|endoftext|>", which the special-token variants reject.
            total += PER_MESSAGE
                    + encoding.countTokensOrdinary(turn.role().name().toLowerCase(Locale.ROOT))
                    + encoding.countTokensOrdinary(turn.text())
                    + TOKENS_PER_IMAGE * turn.images().size();
            for (ToolCall call : turn.toolCalls()) {
                total += PER_TOOL_CALL + encoding.countTokensOrdinary(call.name())
                        + encoding.countTokensOrdinary(call.arguments());
            }
        }
        return total;
    }

    /** One lazy registry for the process: vocabularies load on first use only. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }
}
