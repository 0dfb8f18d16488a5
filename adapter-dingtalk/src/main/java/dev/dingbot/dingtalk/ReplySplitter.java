package dev.dingbot.dingtalk;

import dev.dingbot.core.model.OutgoingMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a message the platform would refuse as too long into several, in order: at most so many characters and
 * so many bytes once written as a JSON string (groupMessages counts msgParam bytes). Cuts prefer a line break in the
 * second half of a piece and never split a character. Only the last piece asks for @ notifications: that is
 * where core put the visible mention.
 */
final class ReplySplitter {
    private final int maxChars;
    private final int maxBytes;

    ReplySplitter(int maxChars, int maxBytes) {
        this.maxChars = maxChars;
        this.maxBytes = maxBytes;
    }

    List<OutgoingMessage> split(OutgoingMessage message) {
        List<String> pieces = pieces(message.text());
        if (pieces.size() == 1) return List.of(message);
        List<OutgoingMessage> messages = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            messages.add(new OutgoingMessage(message.format(), message.title(), pieces.get(i),
                    last ? message.atUserIds() : List.of()));
        }
        return messages;
    }

    List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int pos = 0;
        while (true) {
            int end = fit(text, pos);
            if (end == text.length()) {
                pieces.add(text.substring(pos));
                return pieces;
            }
            int newline = text.lastIndexOf('\n', end - 1);
            if (newline > pos + (end - pos) / 2) {
                pieces.add(text.substring(pos, newline));
                pos = newline + 1;
            } else {
                pieces.add(text.substring(pos, end));
                pos = end;
            }
        }
    }

    /** UTF-8 bytes of one code point inside a JSON string: quotes, backslashes and control chars are escaped. */
    private static int jsonWidth(int cp) {
        if (cp == '"' || cp == '\\' || cp == '\n' || cp == '\r' || cp == '\t') return 2;
        if (cp < 0x20) return 6;
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** The end of the longest run from {@code start} within both limits, on a code point boundary. */
    private int fit(String text, int start) {
        if (start >= text.length()) return start;
        int end = start;
        int bytes = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int width = jsonWidth(cp);
            int next = end + Character.charCount(cp);
            if (next - start > maxChars || bytes + width > maxBytes) break;
            bytes += width;
            end = next;
        }
        return end == start ? Math.min(text.length(), start + Character.charCount(text.codePointAt(start))) : end;
    }
}
