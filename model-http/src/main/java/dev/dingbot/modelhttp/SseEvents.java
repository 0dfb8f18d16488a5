package dev.dingbot.modelhttp;

/**
 * Builds the {@code data} of server-sent events from the stream's lines (terminators taken off), following the
 * WHATWG event-stream rules: lines starting with {@code :} are comments; one space after the field colon is dropped;
 * several {@code data} lines join with LF; a blank line dispatches. Whoever splits the lines decides what ends one
 * (LF, CRLF or a bare CR) and drops a half-built event at the end of the stream by not asking for it.
 */
public final class SseEvents {

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /** Takes one line; the event's data when the line dispatches one, else null. */
    public String line(String line) {
        if (line.isEmpty()) return hasData ? takeEvent() : null;
        if (line.charAt(0) == ':') return null;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!field.equals("data")) return null; // event, id, retry and unknown fields mean nothing to chat completions
        int start = colon < 0 ? line.length() : colon + 1;
        if (start < line.length() && line.charAt(start) == ' ') start++;
        if (hasData) data.append('\n');
        data.append(line, start, line.length());
        hasData = true;
        return null;
    }

    private String takeEvent() {
        String event = data.toString();
        data.setLength(0);
        hasData = false;
        return event;
    }
}
