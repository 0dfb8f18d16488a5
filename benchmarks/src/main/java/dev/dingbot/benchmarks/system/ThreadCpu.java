package dev.dingbot.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Where a bot process spends its CPU: the CPU time of its threads, summed by what the threads do (told by their
 * names, from {@code /proc/<pid>/task/<tid>/stat}). A thread's time is its {@code schedstat}'s, the nanoseconds
 * the scheduler ran it: the user and system ticks of its {@code stat} are charged to whichever thread runs when the
 * clock ticks, and a thread that runs for a few hundred microseconds at a time, as each of thousands of answers'
 * threads does, is seldom the one. A census remembers every thread it has seen, so a thread that ends between two
 * looks (a pool's idle thread let go) keeps the time it had at the last look; looking often loses less.
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

    /** A census of the threads of {@code pid}, its first look taken now. */
    static Census census(long pid) {
        Census census = new Census(pid);
        census.look();
        return census;
    }

    /** The threads of one process as last seen, with the time each had at the census's first look. */
    static final class Census {
        private final long pid;
        private final Map<Integer, Seen> threads = new ConcurrentHashMap<>();
        private volatile boolean first = true;

        private Census(long pid) {
            this.pid = pid;
        }

        /** Reads every thread's time and name now; a thread not seen before started after the first look, at zero. */
        void look() {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                tasks.forEach(task -> {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        long micros = ranMicros(Files.readString(task.resolve("schedstat")));
                        threads.merge(Integer.parseInt(task.getFileName().toString()),
                                new Seen(kindOf(name), first ? micros : 0, micros),
                                (known, now) -> new Seen(now.kind(), known.atFirstLook(), now.lastSeen()));
                    } catch (IOException | RuntimeException ended) {
                        // the thread ended while being read: it keeps what the last look saw
                    }
                });
            } catch (IOException | RuntimeException e) {
                // the process has ended: what was seen stays
            }
            first = false;
        }

        /** "lanes 0.61, JIT 0.02, … ms per message", largest first, from the first look to the last. */
        String perMessage(int messages) {
            Map<String, Long> used = new TreeMap<>();
            threads.values().forEach(seen -> used.merge(seen.kind(), seen.lastSeen() - seen.atFirstLook(), Long::sum));
            List<String> kinds = used.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / 1000.0 / messages))
                    .toList();
            return kinds.isEmpty() ? "unknown" : String.join(", ", kinds) + " ms per message";
        }

        private record Seen(String kind, long atFirstLook, long lastSeen) {
        }
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

    private static String kindOf(String threadName) {
        for (Map.Entry<String, String> kind : KINDS) {
            if (threadName.startsWith(kind.getKey())) return kind.getValue();
        }
        return "other";
    }
}
