package dev.dingbot.benchmarks.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar dingbot.jar run} in a JVM of its own, as an operator starts it, trusting the fake gateway's
 * certificate. Its output goes to a file; a GC log gives the peak heap; /proc gives its memory.
 */
final class BotChild implements AutoCloseable {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path log;
    private final Path gcLog;
    private final long startNanos;
    private long readyNanos;

    private BotChild(Process process, Path log, Path gcLog, long startNanos) {
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
        this.startNanos = startNanos;
    }

    /** Starts the bot with {@code run}'s java, JVM flags and placement and the config in {@code workDir}. */
    static BotChild start(SystemRun run, Path workDir) throws IOException {
        return start(run, workDir, java.util.Map.of());
    }

    /** The same, with extra environment variables (the config's env names). */
    static BotChild start(SystemRun run, Path workDir, java.util.Map<String, String> env) throws IOException {
        Path gcLog = workDir.resolve("gc.log");
        // taskset execs java, so the process started is the bot's JVM itself.
        List<String> command = new ArrayList<>(run.pinning().launcher());
        command.add(run.javaHome().resolve("bin").resolve("java").toString());
        command.addAll(run.jvmFlags());
        command.add("-Xlog:gc:file=" + gcLog);
        for (String property : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
                "javax.net.ssl.trustStoreType")) {
            String value = System.getProperty(property);
            if (value != null) command.add("-D" + property + "=" + value);
        }
        command.addAll(List.of("-jar", run.jar().toString(), "run", "--config", workDir.resolve("config.yml").toString()));
        Path log = workDir.resolve("dingbot.log");
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new BotChild(process, log, gcLog, start);
    }

    /** Waits for the "dingbot ready" line; returns the time from process start to seeing it. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains("dingbot ready")) {
            if (!process.isAlive()) throw new IllegalStateException("dingbot exited with " + process.exitValue() + ":\n" + output());
            if (System.nanoTime() > deadline) throw new IllegalStateException("dingbot not ready within " + timeout + ":\n" + output());
            Thread.sleep(2);
        }
        readyNanos = System.nanoTime();
        return Duration.ofNanos(readyNanos - startNanos);
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Resident set size now, in MiB (VmRSS of /proc). */
    double rssMiB() {
        return procStatusKiB("VmRSS:") / 1024.0;
    }

    /** Peak resident set size so far, in MiB (VmHWM of /proc). */
    double peakRssMiB() {
        return procStatusKiB("VmHWM:") / 1024.0;
    }

    /** CPU time the process has used so far (user + system), from /proc/pid/stat, in ms; -1 when unknown. */
    long cpuMillis() {
        try {
            return ThreadCpu.cpuMillis(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    int threads() {
        return (int) procStatusKiB("Threads:");
    }

    long pid() {
        return process.pid();
    }

    /** The largest heap occupancy any GC found before collecting, in MiB; 0 before the first GC. */
    int peakHeapMiB() {
        return peakHeapMiBSince(0);
    }

    /** The same over the GCs after the first {@code gcs} ones. */
    int peakHeapMiBSince(int gcs) {
        List<int[]> all = gcs();
        return all.stream().skip(gcs).mapToInt(g -> g[0]).max().orElse(0);
    }

    /** The most heap a GC after the first {@code gcs} ones left: what stayed reachable, and old garbage. */
    int peakHeapAfterGcMiBSince(int gcs) {
        return gcs().stream().skip(gcs).mapToInt(g -> g[1]).max().orElse(0);
    }

    /** GCs logged so far. */
    int gcCount() {
        return gcs().size();
    }

    /** The heap the last GC left, in MiB; 0 before the first GC. */
    int heapAfterLastGcMiB() {
        List<int[]> all = gcs();
        return all.isEmpty() ? 0 : all.get(all.size() - 1)[1];
    }

    /** Each GC's heap before and after it, in MiB, in order. */
    private List<int[]> gcs() {
        List<int[]> all = new ArrayList<>();
        try {
            if (!Files.exists(gcLog)) return all;
            Matcher m = GC_HEAP.matcher(Files.readString(gcLog));
            while (m.find()) all.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
        } catch (IOException e) {
            return all;
        }
        return all;
    }

    private long procStatusKiB(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(key)) return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** SIGTERM, as systemd stops it; returns the exit code or -1 when it did not stop in time. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL, as a crash or the OOM killer ends it; returns once it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
