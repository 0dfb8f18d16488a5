package dev.dingbot.benchmarks.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the bot and the fakes run: sharing every CPU, or the bot on one CPU and this JVM (the fakes and the
 * harness) on another, so that the figures judge the bot rather than the scheduler of a busy machine.
 *
 * @param botCpu   the CPU the bot's process is bound to; -1 when shared
 * @param fakesCpu the CPU this JVM's threads are bound to; -1 when shared
 */
public record Pinning(int botCpu, int fakesCpu) {

    static final Pinning SHARED = new Pinning(-1, -1);
    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    /** The bot on the first CPU, the fakes on the second; empty without taskset or a second CPU. */
    static java.util.Optional<Pinning> pinned() {
        if (!Files.isExecutable(TASKSET) || Runtime.getRuntime().availableProcessors() < 2) return java.util.Optional.empty();
        return java.util.Optional.of(new Pinning(0, 1));
    }

    boolean isPinned() {
        return botCpu >= 0;
    }

    String label() {
        return isPinned() ? "pinned (bot on CPU " + botCpu + ", fakes on CPU " + fakesCpu + ")" : "shared";
    }

    /** What goes before {@code java} on the bot's command line. */
    List<String> launcher() {
        return isPinned() ? List.of(TASKSET.toString(), "-c", Integer.toString(botCpu)) : List.of();
    }

    /**
     * Binds every thread of this JVM to {@link #fakesCpu} (threads started later inherit it) until closed, when
     * the CPUs it had before are given back; a no-op when shared.
     */
    AutoCloseable bindHarness() throws IOException, InterruptedException {
        if (!isPinned()) return () -> { };
        long pid = ProcessHandle.current().pid();
        String before = cpusAllowed(Path.of("/proc/self/status"));
        try {
            taskset(Integer.toString(fakesCpu), pid);
        } catch (IOException | RuntimeException e) {
            taskset(before, pid); // a half-bound harness would skew every later figure
            throw e;
        }
        return () -> taskset(before, pid);
    }

    /** When pinned, a line saying where the threads of {@code bot} and of this JVM are allowed to run now. */
    void reportPlacement(BotChild bot, List<String> out) {
        if (!isPinned()) return;
        out.add("  - placement: the bot " + placement(bot.pid(), botCpu) + "; the fakes' JVM "
                + placement(ProcessHandle.current().pid(), fakesCpu));
    }

    /** "12 of 12 threads on CPU 1" for the threads of process {@code pid}, as /proc says now. */
    private static String placement(long pid, int cpu) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            List<String> cpus = tasks.map(t -> cpusAllowed(t.resolve("status"))).toList();
            long on = cpus.stream().filter(Integer.toString(cpu)::equals).count();
            return on + " of " + cpus.size() + " threads on CPU " + cpu;
        } catch (IOException | RuntimeException e) {
            return "placement unknown (" + e.getMessage() + ")";
        }
    }

    private static String cpusAllowed(Path status) {
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> l.substring("Cpus_allowed_list:".length()).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?"; // the thread has ended
        }
    }

    /**
     * taskset fails when one of the threads it lists ends before it is set, which keeps happening while pools let
     * idle threads go; then the threads not yet bound are set one by one, skipping those that ended.
     */
    private static void taskset(String cpus, long pid) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (run(TASKSET.toString(), "-a", "-cp", cpus, Long.toString(pid)) == 0) return;
        }
        List<Path> unbound = unbound(cpus, pid);
        for (Path task : unbound) run(TASKSET.toString(), "-cp", cpus, task.getFileName().toString());
        List<Path> left = unbound(cpus, pid);
        if (!left.isEmpty()) {
            throw new IllegalStateException("taskset could not bind " + left.size() + " threads of " + pid + " to CPU " + cpus);
        }
    }

    private static List<Path> unbound(String cpus, long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.filter(t -> {
                String allowed = cpusAllowed(t.resolve("status"));
                return !allowed.equals("?") && !allowed.equals(cpus);
            }).toList();
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
