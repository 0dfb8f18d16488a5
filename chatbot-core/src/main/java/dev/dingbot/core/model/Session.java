package dev.dingbot.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A sender's state in one conversation: the chosen mode, the context turns (text only), the id of the last
 * answer row (the parent of the next question), the documents the sender gave the bot to read (oldest first) and
 * the model the sender chose ({@code #模型}; empty: the default). {@code updatedAt} drives the sliding session
 * timeout.
 */
public record Session(Mode mode, List<ChatTurn> context, long lastAnswerId, Instant updatedAt,
                      List<DocumentText> documents, String model) {

    public Session {
        Objects.requireNonNull(mode, "mode");
        context = Objects.requireNonNullElse(context, List.<ChatTurn>of()).stream().map(ChatTurn::withoutImages).toList();
        Objects.requireNonNull(updatedAt, "updatedAt");
        documents = List.copyOf(Objects.requireNonNullElse(documents, List.of()));
        if (documents.stream().anyMatch(d -> !d.isRead())) {
            throw new IllegalArgumentException("a session keeps read documents only");
        }
        model = Objects.requireNonNullElse(model, "");
    }

    /** A session on the default model. */
    public Session(Mode mode, List<ChatTurn> context, long lastAnswerId, Instant updatedAt,
                   List<DocumentText> documents) {
        this(mode, context, lastAnswerId, updatedAt, documents, "");
    }

    /** A session without documents. */
    public Session(Mode mode, List<ChatTurn> context, long lastAnswerId, Instant updatedAt) {
        this(mode, context, lastAnswerId, updatedAt, List.of(), "");
    }

    /** The documents with {@code added} as the newest, the oldest dropped beyond {@code max}. */
    public List<DocumentText> documentsWith(DocumentText added, int max) {
        List<DocumentText> kept = new ArrayList<>(documents);
        kept.add(added);
        return List.copyOf(kept.subList(Math.max(0, kept.size() - max), kept.size()));
    }
}
