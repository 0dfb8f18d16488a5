package dev.dingbot.modelhttp;

import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A blocking stream made of an asynchronous one: the answer is read wherever the model reads it, and its pieces are
 * handed to the listener on the calling thread, in order, as they arrive, as a blocking {@code stream} promises.
 */
public final class ListenerRelay {

    private static final Runnable ENDED = () -> { };

    private ListenerRelay() {
    }

    /**
     * Starts the stream with a listener that queues the pieces, runs them on this thread until the answer is
     * there, and returns it; what the listener throws comes out here, as does what the stream completed with.
     */
    public static ChatResult stream(ChatListener listener, Function<ChatListener, CompletableFuture<ChatResult>> start) {
        BlockingQueue<Runnable> pieces = new LinkedBlockingQueue<>();
        ChatListener queued = new ChatListener() {
            @Override
            public void onText(String delta) {
                pieces.add(() -> listener.onText(delta));
            }

            @Override
            public void onReasoning(String delta) {
                pieces.add(() -> listener.onReasoning(delta));
            }
        };
        CompletableFuture<ChatResult> answer = start.apply(queued);
        answer.whenComplete((result, failure) -> pieces.add(ENDED));
        boolean interrupted = false;
        try {
            for (Runnable piece = take(pieces); piece != ENDED; piece = take(pieces)) {
                if (piece != null) piece.run();
                else interrupted = true;
            }
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error cause) throw cause;
            throw e;
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** The next piece, or null when the wait was interrupted: the answer is bounded by its timeouts, so it is awaited. */
    private static Runnable take(BlockingQueue<Runnable> pieces) {
        try {
            return pieces.take();
        } catch (InterruptedException e) {
            return null;
        }
    }
}
