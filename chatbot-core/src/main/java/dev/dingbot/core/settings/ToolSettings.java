package dev.dingbot.core.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * How the model loop uses tools.
 *
 * @param maxRounds      model → tools → model rounds for one question; after them the model is asked once more
 *                       without tools
 * @param callTimeout    how long one call may take before its result is a timeout
 * @param maxResultChars a longer tool result is cut to this, and the model told so
 */
public record ToolSettings(int maxRounds, Duration callTimeout, int maxResultChars) {

    public ToolSettings {
        if (maxRounds < 1) throw new IllegalArgumentException("maxRounds must be at least 1");
        Objects.requireNonNull(callTimeout, "callTimeout");
        if (callTimeout.isNegative() || callTimeout.isZero()) throw new IllegalArgumentException("callTimeout must be positive");
        if (maxResultChars < 100) throw new IllegalArgumentException("maxResultChars must be at least 100");
    }

    public static ToolSettings defaults() {
        return new ToolSettings(5, Duration.ofSeconds(30), 8000);
    }
}
