package dev.dingbot.core.model;

/**
 * Receives a streamed answer as it is written: on the thread that called {@code stream}; from {@code streamAsync},
 * on any thread, one call at a time.
 */
public interface ChatListener {

    /** A piece of the answer, in order. */
    void onText(String delta);

    /** A piece of the model's reasoning, kept apart from the answer. */
    default void onReasoning(String delta) {
    }

    ChatListener IGNORE = delta -> { };
}
