package dev.dingbot.documents;

import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.DocumentText.Outcome;

/**
 * The text of one file as an extractor reads it, within the character limit and the deadline. Extractors ask
 * {@link #mustStop()} before each page, paragraph, slide or row and stop when it says so.
 */
final class TextCollector {

    private final StringBuilder text = new StringBuilder();
    private final int maxChars;
    private final Deadline deadline;
    private boolean cut;
    private boolean timedOut;

    TextCollector(int maxChars, Deadline deadline) {
        this.maxChars = maxChars;
        this.deadline = deadline;
    }

    /** Appends what fits of {@code part}; what does not fit is dropped and the text marked cut. */
    void append(CharSequence part) {
        int room = maxChars - text.length();
        if (part.length() > room) {
            text.append(part, 0, Math.max(room, 0));
            cut = true;
        } else {
            text.append(part);
        }
    }

    void appendLine(CharSequence line) {
        append(line);
        append("\n");
    }

    /** Whether there is more to read than may be read now: the text is full or the time is up; either cuts it. */
    boolean mustStop() {
        if (text.length() >= maxChars) {
            cut = true;
            return true;
        }
        if (deadline.passed()) {
            timedOut = true;
            cut = true;
            return true;
        }
        return false;
    }

    /** Another limit (pages, cells, characters seen by the decoder) left part of the file unread. */
    void markCut() {
        cut = true;
    }

    /** What was read; no text at all is {@link Outcome#TOO_SLOW} when the time ran out, else {@link Outcome#NO_TEXT}. */
    DocumentText result(String fileName, String kind, int pages, int sheets) {
        String read = text.toString().strip();
        if (read.isEmpty()) {
            return DocumentText.failed(timedOut ? Outcome.TOO_SLOW : Outcome.NO_TEXT, fileName, kind);
        }
        return DocumentText.read(fileName, kind, read, pages, sheets, cut);
    }
}
