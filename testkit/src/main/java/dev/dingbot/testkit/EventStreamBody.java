package dev.dingbot.testkit;

import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A streamed body written piece by piece: waits {@code firstDelay} before the first piece (time to first token) and
 * {@code gap} between pieces, flushing each so the client sees it as its own network read. The fake model servers
 * send their event streams with it.
 */
public final class EventStreamBody implements MockResponseBody {

    private final List<byte[]> pieces;
    private final Duration firstDelay;
    private final Duration gap;

    public EventStreamBody(List<String> pieces, Duration firstDelay, Duration gap) {
        this.pieces = pieces.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList();
        this.firstDelay = firstDelay;
        this.gap = gap;
    }

    /** Declared up front: mockwebserver3 ends a body of unknown length only by closing the connection. */
    @Override
    public long getContentLength() {
        long total = 0;
        for (byte[] piece : pieces) total += piece.length;
        return total;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
        pause(firstDelay);
        for (int i = 0; i < pieces.size(); i++) {
            if (i > 0) pause(gap);
            sink.write(pieces.get(i));
            sink.flush();
        }
    }

    private static void pause(Duration d) throws InterruptedIOException {
        if (d.isZero()) return;
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while streaming");
        }
    }

    /** A text in pieces of {@code size} characters (the last one shorter), a surrogate pair never split. */
    public static List<String> split(String text, int size) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            int end = Math.min(text.length(), i + size);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end++; // keep pairs whole
            pieces.add(text.substring(i, end));
            i = end - size;
        }
        return pieces;
    }
}
