package dev.dingbot.core.port;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatTurn;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A chat model behind some provider. Calls block the calling thread (a lane of the bot), {@link #streamAsync} where
 * the model can do without, and never throw for provider trouble: failures come back as a classified
 * {@link ChatResult}.
 */
public interface ChatModel {

    /** The default model's name as configured, for usage accounting and messages. */
    String modelName();

    /**
     * The models this chat model can answer with ({@link ChatRequest#model()}), the default ({@link #modelName()})
     * first.
     */
    default List<String> models() {
        return List.of(modelName());
    }

    /** Asks for the whole answer at once. */
    ChatResult complete(ChatRequest request);

    /**
     * Asks for a streamed answer. The listener sees the answer's pieces in order as they arrive; the returned
     * result holds the whole text (or what arrived before a failure) and the usage.
     */
    ChatResult stream(ChatRequest request, ChatListener listener);

    /**
     * Like {@link #stream}, for a model that can read the stream without holding a thread while it waits: the
     * future completes with what {@code stream} would return, never exceptionally for provider trouble. The bot
     * finishes the answer (stores it, sends its last frame) on the thread that completes the future, so that thread
     * may block; the listener's calls may come on any thread, one at a time, in order. The default streams on the
     * calling thread and returns a completed future.
     */
    default CompletableFuture<ChatResult> streamAsync(ChatRequest request, ChatListener listener) {
        return CompletableFuture.completedFuture(stream(request, listener));
    }

    /** Prompt tokens these turns would cost, per-message overhead included. Used to trim context. */
    int countTokens(List<ChatTurn> turns);

    /**
     * A bound {@link #countTokens} never exceeds, for the same turns, cheap enough to take on every message: where
     * it already fits a budget, nothing needs counting. A model whose count is cheap keeps this default.
     */
    default int tokenCeiling(List<ChatTurn> turns) {
        return countTokens(turns);
    }
}
