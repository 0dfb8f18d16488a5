package dev.dingbot.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a bot process spends its CPU: the CPU time of its threads, summed by what the threads do (told by their
 * names, from {@code /proc/<pid>/task/<tid>/stat}). A thread's time is its {@code schedstat}'s, the nanoseconds
 * the scheduler ran it: the user and system ticks of its {@code stat} are charged to whichever thread runs when the
 * clock ticks, and a thread that runs for a few hundred microseconds at a time, as each of thousands of answers'
 * threads does, is seldom the one. A thread that ended between two readings takes its time with it, so the kinds
 * can add up to a little less than the process's own figure.
 */
final class ThreadCpu {

    /** Thread-name prefixes (as /proc keeps them: 15 characters at most) and their work; the first match wins. */
    private static final List<Map.Entry<String, String>> KINDS = List.of(
            Map.entry("lane-", "lanes (the answers' pipeline)"),
            // on Java 21+ the lanes are virtual threads, run by the carriers of the JDK's scheduler
            Map.entry("ForkJoinPool-", "lanes (the answers' pipeline)"),
            Map.entry("reply-", "replies without a model"),
            Map.entry("DingTalk-Consum", "Stream SDK frame consumers"),
            Map.entry("nioEventLoopGro", "Stream SDK socket (netty)"),
            Map.entry("model-stream-", "model streams (JDK client)"),
            Map.entry("HttpClient-", "model streams (JDK client)"),
            Map.entry("model-answer-", "answers finishing"),
            Map.entry("OkHttp", "OkHttp"),
            Map.entry("Okio", "OkHttp"),
            Map.entry("C1 Compiler", "JIT"),
            Map.entry("C2 Compiler", "JIT"),
            Map.entry("VM Thread", "GC and safepoints"),
            Map.entry("GC Thread", "GC and safepoints"),
            Map.entry("G1 ", "GC and safepoints"),
            Map.entry("dingbot-storage", "storage upkeep"));

    private ThreadCpu() {
    }

    /** CPU µs per kind of thread so far; empty when {@code /proc} cannot tell. */
    static Map<String, Long> byKind(long pid) {
        Map<String, Long> micros = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    micros.merge(kindOf(name), ranMicros(Files.readString(task.resolve("schedstat"))), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while being read
                }
            });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return micros;
    }

    /** User plus system CPU in ms from the text of a process's or thread's {@code stat} file. */
    static long cpuMillis(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15, in clock ticks of 10 ms
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** The µs a thread ran, from the text of its {@code schedstat} (nanoseconds on a CPU, waiting, time slices). */
    private static long ranMicros(String schedstat) {
        return Long.parseLong(schedstat.substring(0, schedstat.indexOf(' '))) / 1_000;
    }

    /** "lanes 0.61, JIT 0.02, … ms per message", largest first, from two readings around {@code messages}. */
    static String perMessage(Map<String, Long> before, Map<String, Long> after, int messages) {
        Map<String, Long> used = new LinkedHashMap<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> used.put(e.getKey(), e.getValue()));
        if (used.isEmpty()) return "unknown";
        StringJoiner joined = new StringJoiner(", ", "", " ms per message");
        used.forEach((kind, micros) -> joined.add(String.format("%s %.2f", kind, micros / 1000.0 / messages)));
        return joined.toString();
    }

    private static String kindOf(String threadName) {
        for (Map.Entry<String, String> kind : KINDS) {
            if (threadName.startsWith(kind.getKey())) return kind.getValue();
        }
        return "other";
    }
}
