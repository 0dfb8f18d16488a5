package dev.dingbot.core.model;

import java.util.Objects;

/**
 * The text read from a file a user sent, as a value: what was read (perhaps cut at a limit), or why nothing was.
 *
 * @param outcome  whether text was read, and if not, why
 * @param fileName the name the file came with ({@code ""} when it had none)
 * @param kind     what the file is, in a word fit to show the user: "PDF", "Word", "Excel", "PowerPoint", "文本"
 * @param text     the text read; {@code ""} unless {@link Outcome#READ}
 * @param pages    PDF pages or PowerPoint slides in the file; 0 where pages do not apply
 * @param sheets   Excel sheets in the file; 0 otherwise
 * @param cut      whether a limit (characters, pages, cells, time) stopped reading before the end
 */
public record DocumentText(Outcome outcome, String fileName, String kind, String text, int pages, int sheets,
                           boolean cut) {

    public enum Outcome {
        READ,
        /** Not a kind of file the reader knows (an archive, a program, an image, an old binary Office file). */
        UNSUPPORTED_TYPE,
        /** A file of a known kind without any text in it, such as a scanned PDF without a text layer. */
        NO_TEXT,
        /** Protected by a password. */
        ENCRYPTED,
        /** Not what its kind says it is: truncated, damaged, or expanding past the size limit. */
        CORRUPT,
        /** The time limit passed before any text could be read. */
        TOO_SLOW
    }

    public DocumentText {
        Objects.requireNonNull(outcome, "outcome");
        fileName = Objects.requireNonNullElse(fileName, "");
        kind = Objects.requireNonNullElse(kind, "");
        text = Objects.requireNonNullElse(text, "");
        if (outcome != Outcome.READ && !text.isEmpty()) {
            throw new IllegalArgumentException("only a read document has text");
        }
    }

    public static DocumentText read(String fileName, String kind, String text, int pages, int sheets, boolean cut) {
        return new DocumentText(Outcome.READ, fileName, kind, text, pages, sheets, cut);
    }

    /** Nothing read, for the reason {@code outcome} gives. */
    public static DocumentText failed(Outcome outcome, String fileName, String kind) {
        if (outcome == Outcome.READ) throw new IllegalArgumentException("a failure needs a failing outcome");
        return new DocumentText(outcome, fileName, kind, "", 0, 0, false);
    }

    public boolean isRead() {
        return outcome == Outcome.READ;
    }
}
