package dev.dingbot.core.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * How a chain of model providers gives up on one for a while.
 *
 * @param failuresToOpen failures in a row (of the classes another provider may fix) after which a provider is left
 *                       out
 * @param coolDown       how long it is left out before one request tries it again
 */
public record FailoverSettings(int failuresToOpen, Duration coolDown) {

    public FailoverSettings {
        if (failuresToOpen < 1) throw new IllegalArgumentException("failuresToOpen must be at least 1");
        Objects.requireNonNull(coolDown, "coolDown");
        if (coolDown.isNegative() || coolDown.isZero()) throw new IllegalArgumentException("coolDown must be positive");
    }

    public static FailoverSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from 3 failures and 30 seconds. */
    public static final class Builder {
        private int failuresToOpen = 3;
        private Duration coolDown = Duration.ofSeconds(30);

        public Builder failuresToOpen(int value) { failuresToOpen = value; return this; }
        public Builder coolDown(Duration value) { coolDown = value; return this; }

        public FailoverSettings build() {
            return new FailoverSettings(failuresToOpen, coolDown);
        }
    }
}
