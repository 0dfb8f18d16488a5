package dev.dingbot.app.system;

import dev.dingbot.app.Main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code dingbot} main in a JVM of its own, as an operator would start it; its output goes to a file. */
final class BotProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private BotProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code dingbot args...} from the test classpath. */
    static BotProcess start(Path workDir, String... args) throws IOException {
        return start(workDir, List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()), args);
    }

    /** Starts {@code java -jar dingbot.jar args...}, as an operator would. */
    static BotProcess startJar(Path workDir, Path jar, String... args) throws IOException {
        return start(workDir, List.of("-jar", jar.toString()), args);
    }

    /** Runs the JVM with {@code launch} (class path and main, or a jar), trusting the fake gateway like this JVM. */
    private static BotProcess start(Path workDir, List<String> launch, String... args) throws IOException {
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
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new BotProcess(process, log);
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until the output holds {@code text}; fails with the output when the process dies or time runs out. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) throw new AssertionError("dingbot exited with " + process.exitValue() + ":\n" + output());
            if (System.nanoTime() > deadline) throw new AssertionError("no \"" + text + "\" within " + timeout + ":\n" + output());
            Thread.sleep(50);
        }
    }

    /** Sends SIGTERM and returns the exit code, or -1 if the process did not stop within {@code timeout}. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
