package dev.dingbot.core.model;

import java.util.Arrays;
import java.util.Objects;

/** Image bytes with their media type (image/png, image/jpeg, image/gif, image/webp). */
public record Image(byte[] bytes, String mediaType) {

    public Image {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
    }

    /** The media type told by the first bytes of the data; {@code application/octet-stream} when unknown. */
    public static String detectMediaType(byte[] data) {
        if (startsWith(data, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
        if (startsWith(data, 0x89, 'P', 'N', 'G')) return "image/png";
        if (startsWith(data, 'G', 'I', 'F', '8')) return "image/gif";
        if (data.length >= 12 && startsWith(data, 'R', 'I', 'F', 'F')
                && data[8] == 'W' && data[9] == 'E' && data[10] == 'B' && data[11] == 'P') return "image/webp";
        return "application/octet-stream";
    }

    public static Image of(byte[] data) {
        return new Image(data, detectMediaType(data));
    }

    /** File name extension for the media type, without the dot. */
    public String extension() {
        return switch (mediaType) {
            case "image/jpeg" -> "jpg";
            case "image/gif" -> "gif";
            case "image/webp" -> "webp";
            case "image/png" -> "png";
            default -> "bin";
        };
    }

    private static boolean startsWith(byte[] data, int... prefix) {
        if (data.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((data[i] & 0xFF) != prefix[i]) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image other && mediaType.equals(other.mediaType) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + mediaType.hashCode();
    }

    @Override
    public String toString() {
        return "Image[" + mediaType + ", " + bytes.length + " bytes]";
    }
}
