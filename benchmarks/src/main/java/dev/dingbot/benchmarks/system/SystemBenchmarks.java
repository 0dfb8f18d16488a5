package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** P1–P4 against the real {@code dingbot.jar} in a child JVM; each figure in its own fresh bot process. */
public final class SystemBenchmarks {

    /** Card answers at once in P3: the 20 card calls per second budget makes more only slower. */
    private static final int CARD_ANSWERS = 200;

    private SystemBenchmarks() {
    }

    /** Runs every system benchmark on {@code run}'s JVM; returns the report lines (markdown list items). */
    public static List<String> run(SystemRun run, int concurrentAnswers, boolean full) throws Exception {
        FakeDingTalkGateway.trustGatewayCertificate();
        List<String> out = new ArrayList<>();
        placed(out, "plain", "plain path (P4, P1, P2 without cards)", run, PlainPathBenchmark::run);
        if (full) step(out, "never", "P1 without fsync", () -> PlainPathBenchmark.withFsync(run, "never", out));
        if (full) step(out, "always", "P1 with a force per write", () -> PlainPathBenchmark.withFsync(run, "always", out));
        if (full) step(out, "postgres", "P1 on PostgreSQL storage (P7)", () -> PlainPathBenchmark.withPostgres(run, out));
        if (full) step(out, "cards", "AI cards (P2)", () -> CardBenchmark.run(run, out));
        placed(out, "p3", "concurrency (P3)", run,
                (r, lines) -> ConcurrencyBenchmark.run(r, concurrentAnswers, false, lines));
        step(out, "p3heap", "live heap per concurrent answer (P3)",
                () -> ConcurrencyBenchmark.census(run, concurrentAnswers, out));
        if (full) step(out, "p3cards", "concurrency with cards (P3)",
                () -> ConcurrencyBenchmark.run(run, CARD_ANSWERS, true, out));
        return out;
    }

    /** {@code bench.steps}: the steps to run, by key (plain, never, always, postgres, cards, p3, p3heap, p3cards); default all. */
    private static boolean selected(String key) {
        String steps = System.getProperty("bench.steps", "").trim();
        return steps.isEmpty() || java.util.Arrays.asList(steps.split("\\s*,\\s*")).contains(key);
    }

    private interface Step {
        void run() throws Exception;
    }

    private interface PlacedStep {
        void run(SystemRun run, List<String> out) throws Exception;
    }

    /**
     * A step run as {@code bench.pinned} says: {@code shared} (bot and fakes on every CPU), {@code pinned} (the bot
     * on one CPU, the fakes on another) or {@code both} (the default), the pinned lines after the shared ones.
     */
    private static void placed(List<String> out, String key, String name, SystemRun run, PlacedStep step) {
        String mode = System.getProperty("bench.pinned", "both").trim();
        if (!List.of("shared", "pinned", "both").contains(mode)) {
            throw new IllegalArgumentException("bench.pinned must be shared, pinned or both, not " + mode);
        }
        if (!mode.equals("pinned")) step(out, key, name, () -> step.run(run, out));
        if (mode.equals("shared")) return;
        Optional<Pinning> pinning = Pinning.pinned();
        if (pinning.isEmpty()) {
            if (!selected(key)) return;
            out.add("- " + name + ": no pinned run (no /usr/bin/taskset or fewer than 2 CPUs)"
                    + (mode.equals("pinned") ? "; run unpinned instead:" : ""));
            System.out.println(out.get(out.size() - 1));
            if (mode.equals("pinned")) step(out, key, name, () -> step.run(run, out));
            return;
        }
        SystemRun pinned = run.placed(pinning.get());
        step(out, key, name + ", " + pinning.get().label(), () -> {
            List<String> lines = new ArrayList<>();
            // Bound before the fakes start their threads, which then inherit the binding.
            try (AutoCloseable bound = pinning.get().bindHarness()) {
                step.run(pinned, lines);
            } finally {
                out.add("- **" + pinning.get().label() + "**, the same step again:");
                lines.forEach(line -> out.add("  " + line));
            }
        });
    }

    /** A failed benchmark is reported as such; the others still run. */
    private static void step(List<String> out, String key, String name, Step step) {
        if (!selected(key)) return;
        int before = out.size();
        System.out.println("## " + name);
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            out.add("- " + name + " FAILED: " + e.toString().lines().findFirst().orElse(""));
            e.printStackTrace(System.out);
        }
        out.subList(before, out.size()).forEach(System.out::println);
    }
}
