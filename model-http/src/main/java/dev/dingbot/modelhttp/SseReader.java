package dev.dingbot.modelhttp;

import okio.BufferedSource;
import okio.ByteString;

import java.io.IOException;

/**
 * Reads the {@code data} of server-sent events from a byte source ({@link SseEvents} builds them): lines end in LF,
 * CRLF or a bare CR; a half-built event at EOF is dropped. Bytes are decoded only per complete line, so a character
 * split across network reads is never mangled.
 */
public final class SseReader {

    private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");

    private final BufferedSource source;
    private final SseEvents events = new SseEvents();
    private boolean skipLeadingLf;

    public SseReader(BufferedSource source) {
        this.source = source;
    }

    /** The next event's data, or null at end of stream. */
    public String next() throws IOException {
        String line;
        while ((line = readLine()) != null) {
            String event = events.line(line);
            if (event != null) return event;
        }
        return null;
    }

    /** One line without its terminator, or null at EOF (a final line with no terminator is discarded). */
    private String readLine() throws IOException {
        if (skipLeadingLf) {
            // The previous line ended in CR: a following LF belongs to it. Checked lazily so a bare CR never waits.
            if (!source.request(1)) return null;
            if (source.getBuffer().getByte(0) == '\n') source.skip(1);
            skipLeadingLf = false;
        }
        long end = source.indexOfElement(LINE_ENDS);
        if (end < 0) return null;
        String line = end == 0 ? "" : source.readUtf8(end);
        skipLeadingLf = source.readByte() == '\r';
        return line;
    }
}
