package dev.dingbot.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * What downloading one attachment gave: its bytes, or why not. A download never reads past its size cap.
 *
 * @param bytes the content when {@link Outcome#OK}; empty otherwise
 * @param size  the size in bytes when known (the content's, or what the server announced for one too large); -1
 *              when not known
 */
public record Download(Outcome outcome, byte[] bytes, long size) {

    /** OK: the bytes are here; TOO_LARGE: over the cap, not read further; UNAVAILABLE: refused, failed or timed out. */
    public enum Outcome { OK, TOO_LARGE, UNAVAILABLE }

    private static final byte[] NO_BYTES = {};

    public Download {
        Objects.requireNonNull(outcome, "outcome");
        bytes = Objects.requireNonNullElse(bytes, NO_BYTES);
    }

    public static Download ok(byte[] bytes) {
        return new Download(Outcome.OK, bytes, bytes.length);
    }

    /** @param size what the server announced, or -1 when the cap was reached while reading */
    public static Download tooLarge(long size) {
        return new Download(Outcome.TOO_LARGE, NO_BYTES, size);
    }

    public static Download unavailable() {
        return new Download(Outcome.UNAVAILABLE, NO_BYTES, -1);
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Download other && outcome == other.outcome && size == other.size
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, size, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "Download[" + outcome + ", " + (size < 0 ? "size unknown" : size + " bytes") + "]";
    }
}
