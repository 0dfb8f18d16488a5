package dev.dingbot.core.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a public link leads to, until it expires: a generated image, or a page (a conversation log in Markdown)
 * with its title.
 *
 * @param title     a page's title; empty for an image
 * @param mediaType {@code image/png} etc. for an image, {@link #MARKDOWN} for a page
 * @param body      the image's bytes, or the page's text in UTF-8
 */
public record LinkedContent(Kind kind, String title, String mediaType, byte[] body, Instant expires) {

    public static final String MARKDOWN = "text/markdown";

    public enum Kind { IMAGE, PAGE }

    public LinkedContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(expires, "expires");
    }

    public static LinkedContent image(Image image, Instant expires) {
        return new LinkedContent(Kind.IMAGE, "", image.mediaType(), image.bytes(), expires);
    }

    public static LinkedContent page(String title, String markdown, Instant expires) {
        return new LinkedContent(Kind.PAGE, title == null ? "" : title, MARKDOWN,
                markdown.getBytes(StandardCharsets.UTF_8), expires);
    }

    /** A page's text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** An image's bytes and media type. */
    public Image image() {
        return new Image(body, mediaType);
    }

    /** Whether it may no longer be shown at {@code now}: from its expiry on. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkedContent other && kind == other.kind && title.equals(other.title)
                && mediaType.equals(other.mediaType) && Arrays.equals(body, other.body)
                && expires.equals(other.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, title, mediaType, Arrays.hashCode(body), expires);
    }

    @Override
    public String toString() {
        return "LinkedContent[" + kind + ", " + mediaType + ", " + body.length + " bytes, expires " + expires + "]";
    }
}
