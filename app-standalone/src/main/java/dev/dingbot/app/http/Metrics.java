package dev.dingbot.app.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * A small metrics registry with Prometheus text exposition (format 0.0.4): counters and histograms with labels,
 * and gauges read at scrape time. Thread-safe; recording is lock-free.
 */
public final class Metrics {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, Family> families = new ConcurrentSkipListMap<>();

    /** Registers (or returns the registered) counter; {@code name} should end in {@code _total}. */
    public Counter counter(String name, String help, String... labelNames) {
        return (Counter) families.computeIfAbsent(name, n -> new Counter(check(n), help, labelNames(labelNames)))
                .as(Counter.class, labelNames);
    }

    /** Registers (or returns the registered) histogram with the given upper bounds, ascending. */
    public Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        return (Histogram) families.computeIfAbsent(name, n -> new Histogram(check(n), help, buckets,
                labelNames(labelNames))).as(Histogram.class, labelNames);
    }

    /** Registers (or returns the registered) gauge whose labelled series are set as things change. */
    public SetGauge setGauge(String name, String help, String... labelNames) {
        return (SetGauge) families.computeIfAbsent(name, n -> new SetGauge(check(n), help, labelNames(labelNames)))
                .as(SetGauge.class, labelNames);
    }

    /** A value read when scraped, e.g. a queue length. */
    public void gauge(String name, String help, DoubleSupplier value) {
        families.putIfAbsent(name, new Gauge(check(name), help, value));
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        StringBuilder sb = new StringBuilder();
        for (Family f : families.values()) {
            sb.append("# HELP ").append(f.name).append(' ').append(escapeHelp(f.help)).append('\n');
            sb.append("# TYPE ").append(f.name).append(' ').append(f.type()).append('\n');
            f.write(sb);
        }
        return sb.toString();
    }

    private static String check(String name) {
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("bad metric name: " + name);
        return name;
    }

    private static List<String> labelNames(String[] names) {
        for (String n : names) {
            if (!LABEL.matcher(n).matches() || n.equals("le")) throw new IllegalArgumentException("bad label: " + n);
        }
        return List.of(names);
    }

    /** A metric name with all its labelled series. */
    private abstract static class Family {
        final String name;
        final String help;
        final List<String> labelNames;

        Family(String name, String help, List<String> labelNames) {
            this.name = name;
            this.help = Objects.requireNonNullElse(help, "");
            this.labelNames = labelNames;
        }

        abstract String type();

        abstract void write(StringBuilder sb);

        Family as(Class<? extends Family> type, String[] labels) {
            if (!type.isInstance(this) || !labelNames.equals(List.of(labels))) {
                throw new IllegalArgumentException(name + " is already registered differently");
            }
            return this;
        }

        List<String> key(String[] values) {
            if (values.length != labelNames.size()) {
                throw new IllegalArgumentException(name + " takes labels " + labelNames);
            }
            return List.of(Arrays.stream(values).map(v -> v == null ? "" : v).toArray(String[]::new));
        }

        String labels(List<String> values, String extraName, String extraValue) {
            if (values.isEmpty() && extraName == null) return "";
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                parts.add(labelNames.get(i) + "=\"" + escapeLabel(values.get(i)) + "\"");
            }
            if (extraName != null) parts.add(extraName + "=\"" + extraValue + "\"");
            return "{" + String.join(",", parts) + "}";
        }
    }

    /** A count that only goes up. */
    public static final class Counter extends Family {
        private final Map<List<String>, DoubleAdder> series = new ConcurrentHashMap<>();

        private Counter(String name, String help, List<String> labelNames) {
            super(name, help, labelNames);
        }

        public void inc(String... labelValues) {
            add(1, labelValues);
        }

        public void add(double amount, String... labelValues) {
            if (amount < 0) throw new IllegalArgumentException("a counter cannot go down");
            series.computeIfAbsent(key(labelValues), k -> new DoubleAdder()).add(amount);
        }

        /** The current value of one series; 0 when never counted. */
        public double value(String... labelValues) {
            DoubleAdder a = series.get(key(labelValues));
            return a == null ? 0 : a.sum();
        }

        @Override
        String type() {
            return "counter";
        }

        @Override
        void write(StringBuilder sb) {
            series.forEach((k, v) -> sb.append(name).append(labels(k, null, null)).append(' ')
                    .append(number(v.sum())).append('\n'));
        }
    }

    /** A value per series, set when it changes (e.g. a state as a number). */
    public static final class SetGauge extends Family {
        private final Map<List<String>, Double> series = new ConcurrentHashMap<>();

        private SetGauge(String name, String help, List<String> labelNames) {
            super(name, help, labelNames);
        }

        public void set(double value, String... labelValues) {
            series.put(key(labelValues), value);
        }

        @Override
        String type() {
            return "gauge";
        }

        @Override
        void write(StringBuilder sb) {
            series.forEach((k, v) -> sb.append(name).append(labels(k, null, null)).append(' ').append(number(v))
                    .append('\n'));
        }
    }

    /** Observations counted into cumulative buckets, with their sum and count. */
    public static final class Histogram extends Family {
        private final double[] bounds;
        private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

        private Histogram(String name, String help, double[] bounds, List<String> labelNames) {
            super(name, help, labelNames);
            this.bounds = bounds.clone();
            for (int i = 1; i < bounds.length; i++) {
                if (bounds[i] <= bounds[i - 1]) throw new IllegalArgumentException("buckets must ascend");
            }
        }

        public void observe(double value, String... labelValues) {
            Series s = series.computeIfAbsent(key(labelValues), k -> new Series(bounds.length));
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) s.buckets[i].increment();
            }
            s.sum.add(value);
            s.count.increment();
        }

        /** How many observations one series holds. */
        public long count(String... labelValues) {
            Series s = series.get(key(labelValues));
            return s == null ? 0 : s.count.sum();
        }

        @Override
        String type() {
            return "histogram";
        }

        @Override
        void write(StringBuilder sb) {
            series.forEach((k, s) -> {
                for (int i = 0; i < bounds.length; i++) {
                    sb.append(name).append("_bucket").append(labels(k, "le", number(bounds[i]))).append(' ')
                            .append(s.buckets[i].sum()).append('\n');
                }
                long count = s.count.sum();
                sb.append(name).append("_bucket").append(labels(k, "le", "+Inf")).append(' ').append(count).append('\n');
                sb.append(name).append("_sum").append(labels(k, null, null)).append(' ').append(number(s.sum.sum()))
                        .append('\n');
                sb.append(name).append("_count").append(labels(k, null, null)).append(' ').append(count).append('\n');
            });
        }

        private static final class Series {
            final LongAdder[] buckets;
            final DoubleAdder sum = new DoubleAdder();
            final LongAdder count = new LongAdder();

            Series(int n) {
                buckets = new LongAdder[n];
                for (int i = 0; i < n; i++) buckets[i] = new LongAdder();
            }
        }
    }

    private static final class Gauge extends Family {
        private final DoubleSupplier value;

        Gauge(String name, String help, DoubleSupplier value) {
            super(name, help, List.of());
            this.value = value;
        }

        @Override
        String type() {
            return "gauge";
        }

        @Override
        void write(StringBuilder sb) {
            sb.append(name).append(' ').append(number(value.getAsDouble())).append('\n');
        }
    }

    private static String number(double v) {
        if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v).toLowerCase(Locale.ROOT).replace("infinity", "Inf");
    }

    private static String escapeLabel(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String escapeHelp(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
