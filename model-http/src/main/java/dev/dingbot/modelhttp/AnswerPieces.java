package dev.dingbot.modelhttp;

import dev.dingbot.core.model.ChatListener;

/**
 * The text and the reasoning of one answer as its pieces arrive, each piece handed on to the listener (if any), and
 * whether any piece reached it: a call is retried only while none has.
 */
public final class AnswerPieces {

    private final ChatListener listener;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private boolean delivered;

    /** @param listener who gets each piece; null for an answer nobody watches arrive */
    public AnswerPieces(ChatListener listener) {
        this.listener = listener;
    }

    public void addText(String piece) {
        if (piece.isEmpty()) return;
        text.append(piece);
        if (listener != null) {
            delivered = true;
            listener.onText(piece);
        }
    }

    public void addReasoning(String piece) {
        if (piece.isEmpty()) return;
        reasoning.append(piece);
        if (listener != null) {
            delivered = true;
            listener.onReasoning(piece);
        }
    }

    public String text() {
        return text.toString();
    }

    public String reasoning() {
        return reasoning.toString();
    }

    public boolean hasText() {
        return text.length() > 0;
    }

    public boolean delivered() {
        return delivered;
    }
}
