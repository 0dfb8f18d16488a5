package dev.dingbot.dingtalk;

import java.time.Duration;

/**
 * The reply side's numbers that the configuration does not expose. Defaults follow the platform limits and the
 * field notes of production bots; tests shrink the waits.
 *
 * @param retryBackoff          first wait before retrying a transient failure; doubles per attempt
 * @param tooFastBackoff        wait after a webhook answered 130101 "send too fast"; doubles per attempt
 * @param cardFirstFrameGap     gap between delivering a card and its first content frame
 * @param cardFinalGap          gap between the last content frame and the final one
 * @param cardSilence           after this long without a frame, the next frame waits {@code cardPhraseDelay}
 * @param cardPhraseDelay       so that the first text after a silence is a phrase, not one character
 * @param cardWatchdog          a card still open this long after creation is closed in an error state
 * @param qpsLimitRetryDelay    wait before the single retry of a card call refused with 403 QpsLimit
 * @param cardCallsPerSecond    app-wide token bucket for card calls
 * @param tokenRefreshMargin    an access token is renewed this long before it expires
 * @param maxDownloadBytes      larger pictures are refused ({@code fetchImage}; a {@code download} names its own cap)
 * @param downloadTimeout       a download of what a user sent (its URL's whole exchange, headers and body) that
 *                              takes longer is given up
 * @param maxMessageChars       a longer plain message is split
 * @param maxMessageBytes       a plain message whose text, as UTF-8 JSON string, is larger is split (groupMessages
 *                              allows 15,000 bytes of msgParam, which also holds the title and keys)
 * @param maxCardChars          card content beyond this continues in plain messages
 */
record ReplyTuning(Duration retryBackoff, Duration tooFastBackoff, Duration cardFirstFrameGap,
                   Duration cardFinalGap, Duration cardSilence, Duration cardPhraseDelay, Duration cardWatchdog,
                   Duration qpsLimitRetryDelay, double cardCallsPerSecond, Duration tokenRefreshMargin,
                   int maxDownloadBytes, Duration downloadTimeout, int maxMessageChars, int maxMessageBytes,
                   int maxCardChars) {

    static ReplyTuning defaults() {
        return new ReplyTuning(Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMinutes(10),
                Duration.ofSeconds(2), 20, Duration.ofMinutes(5), 10 << 20, Duration.ofSeconds(60), 5_000, 14_000,
                20_000);
    }

    ReplyTuning withWaits(Duration retryBackoff, Duration tooFastBackoff, Duration qpsLimitRetryDelay) {
        return new ReplyTuning(retryBackoff, tooFastBackoff, cardFirstFrameGap, cardFinalGap, cardSilence,
                cardPhraseDelay, cardWatchdog, qpsLimitRetryDelay, cardCallsPerSecond, tokenRefreshMargin,
                maxDownloadBytes, downloadTimeout, maxMessageChars, maxMessageBytes, maxCardChars);
    }

    ReplyTuning withCardRhythm(Duration firstFrameGap, Duration finalGap, Duration silence, Duration phraseDelay) {
        return new ReplyTuning(retryBackoff, tooFastBackoff, firstFrameGap, finalGap, silence, phraseDelay,
                cardWatchdog, qpsLimitRetryDelay, cardCallsPerSecond, tokenRefreshMargin, maxDownloadBytes,
                downloadTimeout, maxMessageChars, maxMessageBytes, maxCardChars);
    }

    ReplyTuning withCardWatchdog(Duration watchdog) {
        return new ReplyTuning(retryBackoff, tooFastBackoff, cardFirstFrameGap, cardFinalGap, cardSilence,
                cardPhraseDelay, watchdog, qpsLimitRetryDelay, cardCallsPerSecond, tokenRefreshMargin,
                maxDownloadBytes, downloadTimeout, maxMessageChars, maxMessageBytes, maxCardChars);
    }

    ReplyTuning withLimits(int maxDownloadBytes, int maxMessageChars, int maxMessageBytes, int maxCardChars) {
        return new ReplyTuning(retryBackoff, tooFastBackoff, cardFirstFrameGap, cardFinalGap, cardSilence,
                cardPhraseDelay, cardWatchdog, qpsLimitRetryDelay, cardCallsPerSecond, tokenRefreshMargin,
                maxDownloadBytes, downloadTimeout, maxMessageChars, maxMessageBytes, maxCardChars);
    }

    ReplyTuning withDownloadTimeout(Duration timeout) {
        return new ReplyTuning(retryBackoff, tooFastBackoff, cardFirstFrameGap, cardFinalGap, cardSilence,
                cardPhraseDelay, cardWatchdog, qpsLimitRetryDelay, cardCallsPerSecond, tokenRefreshMargin,
                maxDownloadBytes, timeout, maxMessageChars, maxMessageBytes, maxCardChars);
    }
}
