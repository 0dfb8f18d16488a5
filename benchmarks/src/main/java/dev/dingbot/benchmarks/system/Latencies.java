package dev.dingbot.benchmarks.system;

import java.util.Arrays;
import java.util.Collection;

/** Latency samples in nanoseconds, summarised as percentiles in milliseconds. */
public record Latencies(long[] sortedNanos) {

    public static Latencies of(Collection<Long> nanos) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        return new Latencies(values);
    }

    public int count() {
        return sortedNanos.length;
    }

    /** Nearest-rank percentile in ms; NaN without samples. */
    public double ms(double p) {
        if (sortedNanos.length == 0) return Double.NaN;
        int index = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
    }

    public double p50() {
        return ms(0.50);
    }

    public double p99() {
        return ms(0.99);
    }

    public double max() {
        return ms(1.0);
    }

    /** "p50 12.3 ms, p99 45.6 ms, max 50.1 ms (n=100)". */
    public String summary() {
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", p50(), p99(), max(), count());
    }
}
