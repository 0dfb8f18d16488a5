package dev.dingbot.app.system;

import dev.dingbot.app.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code dingbot} main in a JVM of its own, as an operator would start it; its output (stdout and stderr)
 * is appended to {@code dingbot.log} in the work dir, so a restarted bot adds to the same file.
 */
public final class BotProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final long logStart;

    private BotProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts {@code dingbot args...} from the test classpath. */
    public static BotProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, Map.of(), args);
    }

    /** Starts {@code dingbot args...} from the test classpath with these variables added to the environment. */
    public static BotProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        return start(workDir, env, List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()), args);
    }

    /** Starts {@code java -jar dingbot.jar args...}, as an operator would. */
    public static BotProcess startJar(Path workDir, Path jar, String... args) throws IOException {
        return startJar(workDir, Map.of(), jar, args);
    }

    /** Starts {@code java -jar dingbot.jar args...} with these variables added to the environment. */
    public static BotProcess startJar(Path workDir, Map<String, String> env, Path jar, String... args)
            throws IOException {
        return start(workDir, env, List.of("-jar", jar.toString()), args);
    }

    /** Runs the JVM with {@code launch} (class path and main, or a jar), trusting the fake gateway like this JVM. */
    private static BotProcess start(Path workDir, Map<String, String> env, List<String> launch, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        for (String property : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
                "javax.net.ssl.trustStoreType")) {
            String value = System.getProperty(property);
            if (value != null) command.add("-D" + property + "=" + value);
        }
        command.addAll(launch);
        command.addAll(List.of(args));
        Path log = workDir.resolve("dingbot.log");
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        return new BotProcess(process, log, logStart);
    }

    /** What this process has written so far (not what earlier processes on the same work dir wrote). */
    public String output() {
        try {
            if (!Files.exists(log)) return "";
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(logStart, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the output holds {@code text}; fails with the output when the process dies or time runs out. */
    public void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) throw new AssertionError("dingbot exited with " + process.exitValue() + ":\n" + output());
            if (System.nanoTime() > deadline) throw new AssertionError("no \"" + text + "\" within " + timeout + ":\n" + output());
            Thread.sleep(50);
        }
    }

    /** Waits for the process to end by itself and returns its exit code; fails with the output on a time-out. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("dingbot did not exit within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and returns the exit code, or -1 if the process did not stop within {@code timeout}. */
    public int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug would stop it; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("dingbot did not die from SIGKILL");
    }

    /** The live threads of the process, from {@code /proc/<pid>/status} (Linux). */
    public int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("Threads:")) return Integer.parseInt(line.substring("Threads:".length()).trim());
        }
        throw new IllegalStateException("no thread count in /proc/" + pid() + "/status");
    }

    /** The sockets the process holds open (TCP connections and listeners), from {@code /proc/<pid>/fd} (Linux). */
    public int openSockets() throws IOException {
        int sockets = 0;
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) sockets++;
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listing
                }
            }
        }
        return sockets;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
