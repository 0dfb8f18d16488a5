package dev.dingbot.storage;

import dev.dingbot.core.model.HistoryEntry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of the per-user history files: {@code s-<staffId>.jsonl} for rows with a staff id, else
 * {@code n-<nick>.jsonl}. Letters and digits of any script stay readable; every other character is
 * percent-encoded; long names are cut and end in a hash. Two users sharing a file (a case-insensitive file
 * system, a hash clash) stay correct: queries filter rows by nick and staff id.
 */
final class HistoryFiles {

    static final String SUFFIX = ".jsonl";
    private static final int MAX_KEY_CHARS = 80;

    private HistoryFiles() {
    }

    static String of(HistoryEntry entry) {
        return entry.staffId().isEmpty() ? byNick(entry.userNick()) : byStaffId(entry.staffId());
    }

    static String byStaffId(String staffId) {
        return "s-" + safe(staffId) + SUFFIX;
    }

    static String byNick(String nick) {
        return "n-" + safe(nick) + SUFFIX;
    }

    static boolean isUserFile(String name) {
        return (name.startsWith("s-") || name.startsWith("n-")) && name.endsWith(SUFFIX);
    }

    private static String safe(String key) {
        StringBuilder out = new StringBuilder();
        key.codePoints().forEach(c -> {
            if (c < 128 ? (Character.isLetterOrDigit(c) || c == '-' || c == '_') : Character.isLetterOrDigit(c)) {
                out.appendCodePoint(c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        });
        if (out.length() <= MAX_KEY_CHARS) return out.toString();
        int cut = MAX_KEY_CHARS - 17;
        if (Character.isHighSurrogate(out.charAt(cut - 1))) cut--;
        return out.substring(0, cut) + "~" + HexFormat.of().formatHex(sha256(key), 0, 8);
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
