package dev.dingbot.documents;

import java.time.Duration;
import java.util.Objects;

/**
 * How much of a file is read at most, and for how long.
 *
 * @param maxChars         the text is cut at this many characters
 * @param maxPages         PDF pages and PowerPoint slides read at most
 * @param maxCells         Excel cells (with a value) read at most, over all sheets
 * @param timeout          reading stops when this has passed, checked between pages, paragraphs, slides and rows
 * @param maxInflatedBytes the largest a part of a Word, Excel or PowerPoint file may expand to when unzipped;
 *                         POI keeps this limit for the whole JVM (see {@link DocumentReaders#create})
 */
public record DocumentLimits(int maxChars, int maxPages, int maxCells, Duration timeout, long maxInflatedBytes) {

    public DocumentLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxChars < 1 || maxPages < 1 || maxCells < 1 || maxInflatedBytes < 1) {
            throw new IllegalArgumentException("document limits must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }

    /** 200,000 characters, 300 pages, 200,000 cells, 10 s, 100 MB per unzipped part. */
    public static DocumentLimits defaults() {
        return builder().build();
    }

    /** Limits with the {@linkplain #defaults() defaults}, each changeable by name. */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int maxChars = 200_000;
        private int maxPages = 300;
        private int maxCells = 200_000;
        private Duration timeout = Duration.ofSeconds(10);
        private long maxInflatedBytes = 100L * 1024 * 1024;

        private Builder() {
        }

        public Builder maxChars(int value) { maxChars = value; return this; }
        public Builder maxPages(int value) { maxPages = value; return this; }
        public Builder maxCells(int value) { maxCells = value; return this; }
        public Builder timeout(Duration value) { timeout = value; return this; }
        public Builder maxInflatedBytes(long value) { maxInflatedBytes = value; return this; }

        public DocumentLimits build() {
            return new DocumentLimits(maxChars, maxPages, maxCells, timeout, maxInflatedBytes);
        }
    }
}
