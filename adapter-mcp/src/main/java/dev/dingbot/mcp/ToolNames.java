package dev.dingbot.mcp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The names tools reach the model under: {@code <server>_<tool>}, fitted to {@code ^[a-zA-Z0-9_-]{1,64}$}. Other
 * characters become {@code _}; a name too long, or taken by another tool already, keeps its start and ends with
 * a short hash of the whole, so it stays the same from one list to the next.
 */
final class ToolNames {

    static final int MAX = 64;
    private static final int HASH_CHARS = 8;

    private ToolNames() {
    }

    /** The name as it is when nothing is in the way. */
    static String fit(String server, String tool) {
        String plain = (server + "_" + tool).replaceAll("[^a-zA-Z0-9_-]", "_");
        return plain.length() <= MAX ? plain : hashed(server, tool);
    }

    /** A name for the same tool that differs from {@link #fit}: for when that one is taken. */
    static String hashed(String server, String tool) {
        String plain = (server + "_" + tool).replaceAll("[^a-zA-Z0-9_-]", "_");
        String start = plain.substring(0, Math.min(plain.length(), MAX - HASH_CHARS - 1));
        return start + "_" + hash(server + "\u0000" + tool);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
