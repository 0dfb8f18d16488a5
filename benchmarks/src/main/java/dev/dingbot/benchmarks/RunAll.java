package dev.dingbot.benchmarks;

import dev.dingbot.benchmarks.dingtalk.StreamIntakeBenchmark;
import dev.dingbot.benchmarks.documents.DocumentReadBenchmark;
import dev.dingbot.benchmarks.providers.ProviderChainBenchmark;
import dev.dingbot.benchmarks.openai.StreamReaderBenchmark;
import dev.dingbot.benchmarks.storage.StorageBenchmark;
import dev.dingbot.benchmarks.system.SystemBenchmarks;
import dev.dingbot.benchmarks.system.SystemRun;
import dev.dingbot.benchmarks.text.SensitiveWordsBenchmark;
import dev.dingbot.benchmarks.tools.ToolRoundBenchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Runs every benchmark and writes the figures into docs/BENCHMARKS.md, between the generated-figures markers
 * (the text around them is kept).
 *
 * <p>System properties: {@code bench.javaHomes} (comma-separated JDKs to run the bot on; default the running
 * one), {@code bench.jvmFlags} (the bot's JVM flags, space-separated; default the systemd unit's on Java 17 and the
 * Docker image's, its class-data archive included, on Java 19+),
 * {@code bench.seconds} (per P1 rate; default 10), {@code bench.answers} (P3 concurrent answers; default 2000),
 * {@code bench.only} ({@code system} or {@code micro} to run one half), {@code bench.steps} (system steps by key:
 * plain, never, always, postgres, cards, p3, p3heap, p3cards; default all), {@code bench.pinned} ({@code shared}, {@code pinned} or
 * {@code both}: the plain and p3 steps with the bot and the fakes on every CPU, with the bot on one CPU and the fakes on
 * another, or each once; default both).
 */
public final class RunAll {

    static final String START = "<!-- generated figures: start (written by RunAll; edits here are overwritten) -->";
    static final String END = "<!-- generated figures: end -->";

    /** Held so that its level sticks (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger FAKE_SERVER_LOG = java.util.logging.Logger.getLogger("mockwebserver3");

    private RunAll() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        // The fakes' server logs a warning for every connection a client opened and did not use.
        FAKE_SERVER_LOG.setLevel(java.util.logging.Level.SEVERE);
        Path root = repoRoot();
        Path jar = root.resolve("app-standalone/target/dingbot.jar");
        if (!Files.exists(jar)) throw new IllegalStateException("build first: " + jar + " is missing");
        String only = System.getProperty("bench.only", "");
        String flagsGiven = System.getProperty("bench.jvmFlags");
        int seconds = Integer.getInteger("bench.seconds", 10);
        int answers = Integer.getInteger("bench.answers", 2000);
        List<Path> javaHomes = new ArrayList<>();
        for (String home : System.getProperty("bench.javaHomes", System.getProperty("java.home")).split(",")) {
            if (!home.isBlank()) javaHomes.add(Path.of(home.trim()));
        }

        List<String> report = new ArrayList<>();
        report.add("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + memTotal() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + "; load average at start " + loadAverage() + ".");
        report.add("");
        Path scratch = Files.createTempDirectory("dingbot-bench");
        if (!only.equals("micro")) {
            for (int i = 0; i < javaHomes.size(); i++) {
                Path home = javaHomes.get(i);
                List<String> flags = flagsGiven != null ? Arrays.asList(flagsGiven.trim().split("\\s+"))
                        : shippedFlags(root, home, scratch.resolve("jdk" + i + ".jsa"));
                // the run's scratch directory is this machine's business, not the report's
                report.add("### Bot on " + jdk(home) + ", flags `"
                        + String.join(" ", flags).replace(scratch.toString(), "<scratch>") + "`");
                report.add("");
                SystemRun run = new SystemRun(root, home, flags, jar, scratch.resolve("jdk" + i), seconds);
                report.addAll(SystemBenchmarks.run(run, answers, i == 0 || Boolean.getBoolean("bench.allOnEach")));
                report.add("- load average after: " + loadAverage());
                report.add("");
            }
        }
        if (!only.equals("system")) {
            report.add("### Component benchmarks (in the benchmark JVM: " + jdk(Path.of(System.getProperty("java.home")))
                    + ", Maven's JVM with default flags)");
            report.add("");
            report.add(captured("P5 sensitive-word filter", () -> SensitiveWordsBenchmark.main(new String[0])));
            report.add(captured("P6 storage", () -> StorageBenchmark.main(new String[0])));
            report.add(captured("OpenAI stream reader", () -> StreamReaderBenchmark.main(new String[0])));
            report.add(captured("Stream intake (instant bot)", () -> StreamIntakeBenchmark.run()));
            report.add(captured("P8 tool rounds", () -> ToolRoundBenchmark.main(new String[0])));
            report.add(captured("P9 document reading", () -> DocumentReadBenchmark.main(new String[0])));
            report.add(captured("P10 provider chain", () -> ProviderChainBenchmark.main(new String[0])));
        }
        report.add("Load average at the end: " + loadAverage() + ".");
        write(root.resolve("docs/BENCHMARKS.md"), report);
        System.out.println("figures written to docs/BENCHMARKS.md");
        // The DingTalk SDK leaves a static event loop running; end the JVM like the intake benchmark does.
        System.exit(0);
    }

    /**
     * The JVM flags an operator runs the bot with on {@code home}: on a JDK as new as the Docker image's (Java 21;
     * 19+, which have its class-data archive flags) the image's, the archive at {@code archive}, written at the first
     * clean stop and used from the next start on; on older ones (Java 17) the systemd unit's (deploy/dingbot.service).
     */
    static List<String> shippedFlags(Path root, Path home, Path archive) throws IOException {
        if (featureVersion(home) < 19) return unitFlags(root);
        List<String> flags = new ArrayList<>();
        for (String option : imageOptions(root)) {
            flags.add(option.startsWith("-XX:SharedArchiveFile=") ? "-XX:SharedArchiveFile=" + archive : option);
        }
        return flags;
    }

    private static List<String> unitFlags(Path root) throws IOException {
        for (String line : Files.readAllLines(root.resolve("deploy/dingbot.service"))) {
            if (!line.startsWith("ExecStart=")) continue;
            List<String> words = Arrays.asList(line.substring("ExecStart=".length()).trim().split("\\s+"));
            return words.subList(1, words.indexOf("-jar"));
        }
        throw new IllegalStateException("deploy/dingbot.service has no ExecStart line");
    }

    /** The options of the Dockerfile's {@code JAVA_OPTS="…"}. */
    private static List<String> imageOptions(Path root) throws IOException {
        for (String line : Files.readAllLines(root.resolve("Dockerfile"))) {
            int at = line.indexOf("JAVA_OPTS=\"");
            if (at < 0) continue;
            String value = line.substring(at + "JAVA_OPTS=\"".length());
            return Arrays.asList(value.substring(0, value.indexOf('"')).trim().split("\\s+"));
        }
        throw new IllegalStateException("the Dockerfile sets no JAVA_OPTS");
    }

    private interface Bench {
        void run() throws Exception;
    }

    /** Runs a benchmark main, echoing and capturing what it prints; returns it as a fenced block. */
    private static String captured(String title, Bench bench) {
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(original, copy), true, StandardCharsets.UTF_8));
        try {
            bench.run();
        } catch (Exception e) {
            System.out.println("FAILED: " + e);
        } finally {
            System.setOut(original);
        }
        return "#### " + title + "\n\n```\n" + copy.toString(StandardCharsets.UTF_8).stripTrailing() + "\n```\n";
    }

    private static void write(Path file, List<String> report) throws IOException {
        String figures = START + "\n" + String.join("\n", report) + "\n" + END;
        String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n" + START + "\n" + END + "\n";
        int from = text.indexOf(START);
        int to = text.indexOf(END);
        text = from < 0 || to < 0 ? text + "\n" + figures + "\n" : text.substring(0, from) + figures + text.substring(to + END.length());
        Files.writeString(file, text);
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("benchmarks")))) {
            dir = dir.getParent();
        }
        if (dir == null) throw new IllegalStateException("run from inside the repository");
        return dir;
    }

    /** "Eclipse Adoptium 25.0.1" from the JDK's release file. */
    private static String jdk(Path home) {
        Properties release = release(home);
        if (release.isEmpty()) return home.getFileName().toString();
        return (release.getProperty("IMPLEMENTOR", "") + " " + javaVersion(release)).trim();
    }

    /** 25 for "25.0.1", 17 for "17.0.15"; 0 when the release file does not say. */
    private static int featureVersion(Path home) {
        String version = javaVersion(release(home));
        try {
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String javaVersion(Properties release) {
        return release.getProperty("JAVA_VERSION", "?").replace("\"", "");
    }

    private static Properties release(Path home) {
        Properties release = new Properties();
        try (var in = Files.newInputStream(home.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            release.clear();
        }
        return release;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024 / 1024 + " GiB RAM";
                }
            }
        } catch (IOException | NumberFormatException e) {
            return "RAM unknown";
        }
        return "RAM unknown";
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
