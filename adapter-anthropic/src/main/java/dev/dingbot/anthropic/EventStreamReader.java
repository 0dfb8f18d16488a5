package dev.dingbot.anthropic;

import okio.BufferedSource;

import java.io.IOException;

/**
 * Reads the {@code data} of the Messages API's server-sent events ({@code event:} and {@code data:} lines, a blank
 * line after each event). The {@code event:} line is not needed: every event's data names its own {@code type}.
 * Comments and other fields are skipped; an event cut off by the end of the stream is dropped.
 */
final class EventStreamReader {

    private final BufferedSource source;

    EventStreamReader(BufferedSource source) {
        this.source = source;
    }

    /** The next event's data, or null at the end of the stream. */
    String next() throws IOException {
        StringBuilder data = null;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (data != null) return data.toString();
            } else if (line.startsWith("data:")) {
                String value = line.startsWith("data: ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
    }
}
