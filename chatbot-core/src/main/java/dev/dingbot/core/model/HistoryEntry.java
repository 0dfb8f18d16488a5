package dev.dingbot.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the question/answer log, with the fields the original stored.
 *
 * @param id       assigned by the store on append; 0 before
 * @param parentId for a question: the previous answer in context chat, else 0; for an answer: its question
 */
public record HistoryEntry(long id, Instant at, Kind kind, long parentId,
                           String userNick, String staffId, String chatTitle, String content) {

    public enum Kind { QUESTION, ANSWER }

    public HistoryEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        userNick = Objects.requireNonNullElse(userNick, "");
        staffId = Objects.requireNonNullElse(staffId, "");
        chatTitle = Objects.requireNonNullElse(chatTitle, "");
        content = Objects.requireNonNullElse(content, "");
    }

    public HistoryEntry withId(long newId) {
        return new HistoryEntry(newId, at, kind, parentId, userNick, staffId, chatTitle, content);
    }
}
