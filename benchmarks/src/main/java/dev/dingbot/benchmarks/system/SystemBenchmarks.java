package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;

import java.util.ArrayList;
import java.util.List;

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
        step(out, "plain", "plain path (P4, P1, P2 without cards)", () -> PlainPathBenchmark.run(run, out));
        if (full) step(out, "never", "P1 without fsync", () -> PlainPathBenchmark.withFsync(run, "never", out));
        if (full) step(out, "always", "P1 with a force per write", () -> PlainPathBenchmark.withFsync(run, "always", out));
        if (full) step(out, "postgres", "P1 on PostgreSQL storage (P7)", () -> PlainPathBenchmark.withPostgres(run, out));
        if (full) step(out, "cards", "AI cards (P2)", () -> CardBenchmark.run(run, out));
        step(out, "p3", "concurrency (P3)", () -> ConcurrencyBenchmark.run(run, concurrentAnswers, false, out));
        if (full) step(out, "p3cards", "concurrency with cards (P3)",
                () -> ConcurrencyBenchmark.run(run, CARD_ANSWERS, true, out));
        return out;
    }

    /** {@code bench.steps}: the steps to run, by key (plain, never, always, postgres, cards, p3, p3cards); default all. */
    private static boolean selected(String key) {
        String steps = System.getProperty("bench.steps", "").trim();
        return steps.isEmpty() || java.util.Arrays.asList(steps.split("\\s*,\\s*")).contains(key);
    }

    private interface Step {
        void run() throws Exception;
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
