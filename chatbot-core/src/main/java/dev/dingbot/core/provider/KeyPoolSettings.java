package dev.dingbot.core.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link KeyPool} benches a refused key. Build with {@link #builder()} or take the {@link #defaults()}.
 *
 * @param bench how long a refused key is left out of the rotation; at least a minute, since a key refused for its
 *              credentials or quota does not come back within seconds
 * @param clock what the bench is measured on
 */
public record KeyPoolSettings(Duration bench, Clock clock) {

    public KeyPoolSettings {
        Objects.requireNonNull(bench, "bench");
        Objects.requireNonNull(clock, "clock");
        if (bench.compareTo(Duration.ofMinutes(1)) < 0) throw new IllegalArgumentException("bench must be >= 1 min");
    }

    /** Ten minutes on the system clock. */
    public static KeyPoolSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: a bench of ten minutes on the system clock (UTC). */
    public static final class Builder {
        private Duration bench = Duration.ofMinutes(10);
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder bench(Duration value) { bench = value; return this; }
        public Builder clock(Clock value) { clock = value; return this; }

        public KeyPoolSettings build() {
            return new KeyPoolSettings(bench, clock);
        }
    }
}
