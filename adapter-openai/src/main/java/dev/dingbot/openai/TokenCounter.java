package dev.dingbot.openai;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ToolCall;

import java.util.List;
import java.util.Locale;

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

    private final String model;
    private volatile Encoding encoding;

    /**
     * Loads nothing yet: the vocabulary (o200k_base holds about 30 MB of heap and takes a second of CPU) is loaded
     * by the first count that {@link #ceiling} could not spare, so a bot whose conversations stay short never holds
     * it and the start does not pay for it.
     */
    TokenCounter(String model) {
        this.model = model;
    }

    private Encoding encoding() {
        Encoding loaded = encoding;
        if (loaded != null) return loaded;
        synchronized (this) {
            if (encoding == null) encoding = encodingFor(model);
            return encoding;
        }
    }

    boolean vocabularyLoaded() {
        return encoding != null;
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

    /**
     * At least {@link #count}, without the vocabulary: a token of ordinary encoding stands for one byte of UTF-8 or
     * more, so a text's UTF-8 length bounds its tokens.
     */
    int ceiling(List<ChatTurn> turns) {
        int total = REPLY_PRIMER;
        for (ChatTurn turn : turns) {
            total += PER_MESSAGE + utf8Length(turn.role().name()) + utf8Length(turn.text())
                    + TOKENS_PER_IMAGE * turn.images().size();
            for (ToolCall call : turn.toolCalls()) {
                total += PER_TOOL_CALL + utf8Length(call.name()) + utf8Length(call.arguments());
            }
        }
        return total;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) bytes += 1;
            else if (c < 0x800) bytes += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else bytes += 3;
        }
        return bytes;
    }

    /** One lazy registry for the process: vocabularies load on first use only. */
    private static final class Registry {
        static final EncodingRegistry INSTANCE = Encodings.newLazyEncodingRegistry();
    }
}
