package dev.dingbot.benchmarks.storage;

import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.storage.FileStorage;
import dev.dingbot.storage.FsyncPolicy;
import dev.dingbot.storage.StorageSettings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * File storage figures: durable appends per second by fsync policy and writer count, the time to reopen a data dir
 * holding a million history rows, and the time of a first-page history query for a user with 100,000 rows.
 * Targets: at least 5,000 appends/s with batch fsync, reopen within 2 s, query within 200 ms.
 * <p>Optional arguments: total history rows (default 1,000,000) and rows of the big user (default 100,000).
 */
public final class StorageBenchmark {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CONTENT = "How do I find which process holds port 8080 on a Linux server? ".repeat(3);
    private static final int APPENDS_PER_RUN = 20_000;

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int totalRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int bigUserRows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        System.out.println("== storage (adapter-storage-file) ==");
        System.out.printf("cores %d, java %s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        rawForceLatency();
        appendRate(FsyncPolicy.ALWAYS, 1, "history, one user");
        appendRate(FsyncPolicy.ALWAYS, 8, "history, one user");
        // under batch the inbox waits for a group commit; history is forced in the background
        appendRate(FsyncPolicy.BATCH, 1, "inbox admit");
        appendRate(FsyncPolicy.BATCH, 8, "inbox admit");
        appendRate(FsyncPolicy.BATCH, 32, "inbox admit");
        appendRate(FsyncPolicy.BATCH, 8, "history, one user");
        appendRate(FsyncPolicy.BATCH, 8, "history, a user per thread");
        appendRate(FsyncPolicy.NEVER, 8, "history, one user");

        reopenAndQuery(totalRows, bigUserRows);
    }

    /** What the disk gives: the figures below are bounded by it. */
    private static void rawForceLatency() throws IOException {
        Path dir = Files.createTempDirectory("dingbot-storage-bench");
        try (FileChannel ch = FileChannel.open(dir.resolve("probe"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            int n = 300;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ch.write(ByteBuffer.wrap(new byte[200]));
                ch.force(false);
            }
            System.out.printf("raw append+force of 200 bytes: %.3f ms each%n", (System.nanoTime() - start) / 1e6 / n);
        } finally {
            delete(dir);
        }
    }

    private static void appendRate(FsyncPolicy policy, int threads, String what) throws Exception {
        Path dir = Files.createTempDirectory("dingbot-storage-bench");
        try (FileStorage storage = FileStorage.open(StorageSettings.builder(dir).fsync(policy).build())) {
            IntConsumer write = switch (what) {
                case "history, one user" -> i -> storage.history().append(row("alice", "s1", i));
                case "history, a user per thread" -> i -> storage.history().append(row("user" + (i % threads), "", i));
                case "inbox admit" -> i -> storage.inbox().admit(message("m" + i));
                default -> throw new IllegalArgumentException(what);
            };
            int count = policy == FsyncPolicy.ALWAYS ? APPENDS_PER_RUN / 4 : APPENDS_PER_RUN;
            for (int i = 0; i < 500; i++) write.accept(-1 - i); // warm up
            long elapsed = timeParallel(threads, count, write);
            String mode = policy.name();
            System.out.printf("appends %-6s %2d writer(s) %-27s %,9.0f /s  (%,d in %d ms)%n", mode, threads, what,
                    count * 1e9 / elapsed, count, elapsed / 1_000_000);
        } finally {
            delete(dir);
        }
    }

    private static void reopenAndQuery(int totalRows, int bigUserRows) throws Exception {
        Path dir = Files.createTempDirectory("dingbot-storage-bench");
        try {
            int otherUsers = 1000;
            long fill = System.nanoTime();
            try (FileStorage storage = FileStorage.open(StorageSettings.builder(dir).fsync(FsyncPolicy.NEVER).build())) {
                int others = totalRows - bigUserRows;
                // the big user's rows are spread through the log, as a busy user's would be
                int ratio = Math.max(1, others / Math.max(1, bigUserRows));
                timeParallel(4, totalRows, i -> {
                    boolean big = i % (ratio + 1) == 0 && i / (ratio + 1) < bigUserRows;
                    int user = (i / 100) % otherUsers; // a hundred rows in a row per user keeps the fill quick
                    storage.history().append(big ? row("heavy", "s-heavy", i) : row("user" + user, "s" + user, i));
                });
            }
            System.out.printf("filled %,d history rows (%,d users + 1 with %,d rows) in %d ms, %,d MB on disk%n",
                    totalRows, otherUsers, bigUserRows, (System.nanoTime() - fill) / 1_000_000, size(dir) >> 20);

            System.gc();
            long heapBefore = usedHeap();
            long start = System.nanoTime();
            try (FileStorage storage = FileStorage.open(StorageSettings.defaults(dir))) {
                long reopen = System.nanoTime() - start;
                System.gc();
                System.out.printf("reopen with %,d history rows: %d ms (heap grew %,d KB)%n", totalRows,
                        reopen / 1_000_000, (usedHeap() - heapBefore) >> 10);
                long[] times = new long[21];
                int rows = 0;
                for (int i = 0; i < times.length; i++) {
                    long q = System.nanoTime();
                    rows = storage.history().findByUser(i % 2 == 0 ? "heavy" : "s-heavy", 0, 20).size();
                    times[i] = System.nanoTime() - q;
                }
                long first = times[0];
                Arrays.sort(times);
                System.out.printf("query first page (%d rows) of a user with %,d rows: first %.1f ms, median %.2f ms%n",
                        rows, bigUserRows, first / 1e6, times[times.length / 2] / 1e6);
                long deep = System.nanoTime();
                int deepRows = storage.history().findByUser("heavy", bigUserRows - 20, 20).size();
                System.out.printf("query last page (%d rows, offset %,d) of that user: %.1f ms%n", deepRows,
                        bigUserRows - 20, (System.nanoTime() - deep) / 1e6);
            }
        } finally {
            delete(dir);
        }
    }

    /** Runs {@code write(0..count-1)} on {@code threads} threads; returns the elapsed nanoseconds. */
    private static long timeParallel(int threads, int count, IntConsumer write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try {
            Runnable worker = () -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) write.accept(i);
            };
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) done.add(pool.submit(worker));
            for (Future<?> f : done) f.get();
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HistoryEntry row(String nick, String staffId, int i) {
        return new HistoryEntry(0, T0.plusSeconds(i), i % 2 == 0 ? HistoryEntry.Kind.QUESTION : HistoryEntry.Kind.ANSWER,
                0, nick, staffId, "运维群", CONTENT + i);
    }

    private static IncomingMessage message(String msgId) {
        return new IncomingMessage(msgId, "robot", ChatKind.GROUP, "cid", "运维群", new Sender("s1", "alice", "u1"),
                MessageType.TEXT, CONTENT, List.of(), QuotedMessage.NONE, T0, Map.of("sessionWebhook", "https://example.invalid/hook"));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
