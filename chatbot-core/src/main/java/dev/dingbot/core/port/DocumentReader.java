package dev.dingbot.core.port;

import dev.dingbot.core.model.DocumentText;

/**
 * Reads the text of a file a user sent (PDF, Word, Excel, PowerPoint, plain text), within the reader's limits of
 * size and time. Blocks the calling thread; never throws: a file it cannot read, for whatever reason, comes back
 * as a {@link DocumentText} saying why.
 */
public interface DocumentReader {

    /** Reads nothing: every file is of a kind it does not support. */
    DocumentReader NONE = (fileName, content) -> DocumentText.failed(DocumentText.Outcome.UNSUPPORTED_TYPE, fileName, "");

    /**
     * @param fileName the name the file came with, which may be missing ({@code null} or blank), odd or wrong
     *                 about the content; the content decides where it can
     * @param content  the whole file
     */
    DocumentText read(String fileName, byte[] content);
}
