package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.postgres.LocalPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The bot without cards (stream_mode off), started as an operator starts it: start-up and memory (P4), then
 * the latency it adds between a Stream frame and the webhook POST of the answer against a direct call to the same
 * fake model (P1, with frame → ACK), then the whole-answer path beside the card figures (P2).
 */
final class PlainPathBenchmark {

    static final Duration MODEL_DELAY = Duration.ofMillis(200);
    /** An idle server process hands in its statistics within 10 s (PostgreSQL 15). */
    private static final Duration STATISTICS_FLUSHED = Duration.ofSeconds(11);
    /** Users introduced at start-up; P1's messages come from them in turn. */
    private static final int USERS = 1000;

    private final World world;
    /** The instances of the bot; the first is the one P4 looks at. */
    private final List<BotChild> bots;
    private final BotChild bot;
    private final List<String> out;
    private final Pinning pinning;

    private PlainPathBenchmark(World world, List<BotChild> bots, List<String> out, Pinning pinning) {
        this.world = world;
        this.pinning = pinning;
        this.bots = bots;
        this.bot = bots.get(0);
        this.out = out;
    }

    static void run(SystemRun run, List<String> out) throws Exception {
        startups(run, out);
        try (World world = new World()) {
            Path dir = run.workDir("plain");
            world.writeConfig(run.repoRoot(), dir, "", "");
            try (BotChild bot = BotChild.start(run, dir)) {
                var bench = new PlainPathBenchmark(world, List.of(bot), out, run.pinning());
                bench.startup();
                bench.overhead(50, run.seconds());
                bench.overhead(200, run.seconds());
                bench.newcomers();
                bench.wholeAnswer(CardBenchmark.TTFT.plus(CardBenchmark.GAP.multipliedBy(CardBenchmark.chunks())));
                out.add(String.format("- bot stopped on SIGTERM with exit code %d", bot.stop(Duration.ofSeconds(30))));
            }
        }
    }

    /**
     * P1 at 200 msg/s again under another fsync policy ({@code never}: no disk waits at all; {@code always}: a
     * force per write, no group commit): how much of what the bot adds is the way it waits for the disk.
     */
    static void withFsync(SystemRun run, String policy, List<String> out) throws Exception {
        again(run, "plain-fsync-" + policy, "`STORAGE_FSYNC=" + policy + "`", Map.of("STORAGE_FSYNC", policy), out);
    }

    /**
     * P7: P1 at 200 msg/s and a burst of admissions with the file store, with one instance on PostgreSQL storage (a
     * server of the benchmark's own on loopback, started with fsync off) and with three instances on it sharing the
     * Stream connections, side by side; then an instance killed with SIGKILL while it answers, and how long its
     * messages wait for another to take them over.
     */
    static void withPostgres(SystemRun run, List<String> out) throws Exception {
        again(run, "plain-files", "file storage", Map.of(), 1, out);
        LocalPostgres.Database one = LocalPostgres.start().createDatabase();
        again(run, "plain-postgres", "PostgreSQL storage", postgres(one), 1, out);
        LocalPostgres.Database three = LocalPostgres.start().createDatabase();
        again(run, "plain-postgres-3", "PostgreSQL storage, three instances,", postgres(three), 3, out);
    }

    private static Map<String, String> postgres(LocalPostgres.Database db) {
        return Map.of("STORAGE_KIND", "postgres", "STORAGE_POSTGRES_URL", db.jdbcUrl(),
                "STORAGE_POSTGRES_USER", db.user());
    }

    /** P1 at 200 msg/s with the bot started with {@code env}, its lines marked with {@code label}. */
    private static void again(SystemRun run, String dirName, String label, Map<String, String> env,
                              List<String> out) throws Exception {
        again(run, dirName, label, env, 1, out);
    }

    /**
     * P1 at 200 msg/s and the admission burst with {@code instances} bots started with {@code env} (and an instance
     * id each), their lines marked with {@code label}; with several, the takeover after a SIGKILL.
     */
    private static void again(SystemRun run, String dirName, String label, Map<String, String> env, int instances,
                              List<String> out) throws Exception {
        List<BotChild> bots = new ArrayList<>();
        try (World world = new World()) {
            for (int i = 0; i < instances; i++) {
                Path dir = run.workDir(dirName + (instances > 1 ? "-" + i : ""));
                world.writeConfig(run.repoRoot(), dir, "", "");
                Map<String, String> own = new HashMap<>(env);
                own.put("INSTANCE_ID", "bench-" + i);
                if (i > 0) own.put("PORT", Integer.toString(freePort())); // the config's port is the first's
                BotChild bot = BotChild.start(run, dir, own);
                bots.add(bot);
                bot.awaitReady(Duration.ofSeconds(90));
                if (!world.gateway.awaitConnections(i + 1, Duration.ofSeconds(20))) {
                    throw new IllegalStateException("no stream connection for instance " + i);
                }
            }
            var bench = new PlainPathBenchmark(world, bots, new ArrayList<>(), run.pinning());
            bench.conversations("conv", USERS);
            bench.out.clear();
            long transactions = transactions(env);
            bench.overhead(200, run.seconds());
            if (transactions >= 0) {
                Thread.sleep(STATISTICS_FLUSHED.toMillis());
                bench.out.add(String.format("  - database transactions per answered message: %.1f (the server's "
                        + "commits and rollbacks over P1's messages, heartbeats and takeover looks included)",
                        (transactions(env) - transactions) / (double) (200 * run.seconds())));
            }
            bench.admissions(1500, 3000);
            if (instances > 1) new TakeoverBenchmark(world, bots, bench.out).run();
            bench.out.forEach(line -> out.add(line.replace("**P1 at", "**P1 with " + label + " at")
                    .replace("**Admissions", "**Admissions with " + label)));
            for (BotChild bot : bots) bot.stop(Duration.ofSeconds(30));
        } finally {
            bots.forEach(BotChild::close);
        }
    }

    /** Three fresh starts with an empty data dir: process start → ready line. */
    private static void startups(SystemRun run, List<String> out) throws Exception {
        List<Long> millis = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        try (World world = new World()) {
            for (int i = 0; i < 3; i++) {
                Path dir = run.workDir("start" + i);
                world.writeConfig(run.repoRoot(), dir, "", "");
                try (BotChild bot = BotChild.start(run, dir)) {
                    millis.add(bot.awaitReady(Duration.ofSeconds(90)).toMillis());
                    cpu.add(bot.cpuMillis());
                    bot.stop(Duration.ofSeconds(30));
                }
            }
        }
        out.add("- **P4 start-up**, three fresh starts: process start → \"dingbot ready\" " + millis + " ms (wall); CPU time used by then " + cpu
                + " ms — on a loaded 2-core machine the wall time follows the CPU the bot gets");
    }

    /**
     * One of the {@link #USERS} users the start-up step introduced, in turn: each asks again only seconds later, after
     * their previous answer, as returning users do (a first question also creates the user's history file).
     */
    private static String returningUser(int i) {
        return "conv" + (i % USERS);
    }

    /** First questions of {@code n} new users ({@code prefix} + i) at 100 msg/s, instant model. */
    private List<Traffic.Sent> conversations(String prefix, int n) throws Exception {
        return conversations(prefix, n, i -> { });
    }

    private List<Traffic.Sent> conversations(String prefix, int n, IntConsumer eachTick) throws Exception {
        world.openAi.defaultAnswer("hello world", 4, Duration.ZERO, Duration.ZERO);
        List<Traffic.Sent> sent = Traffic.push(world.gateway, 100, n, i -> world.privateFrom(prefix + i, "问题 " + i),
                Traffic::session, eachTick);
        Traffic.awaitArrivals(world, FakeDingTalkApi.WEBHOOK, sent, r -> r.queryParameter("session"), Duration.ofSeconds(60));
        return sent;
    }

    private void startup() throws Exception {
        Duration ready = bot.awaitReady(Duration.ofSeconds(90));
        if (!world.gateway.awaitConnections(1, Duration.ofSeconds(20))) throw new IllegalStateException("no stream connection");
        Thread.sleep(3000);
        double idle = bot.rssMiB();
        out.add(String.format("- **P4** this run's start: **%d ms** to \"dingbot ready\" (one Stream client); "
                + "idle RSS 3 s later **%.0f MiB**, %d threads", ready.toMillis(), idle, bot.threads()));
        int n = USERS;
        List<Traffic.Sent> sent = conversations("conv", n);
        Map<String, Long> got = Traffic.firstArrivals(world.requests(FakeDingTalkApi.WEBHOOK), r -> r.queryParameter("session"));
        out.add(String.format("- first questions of %d new users at 100 msg/s right after the start (cold JVM), instant model: frame → webhook POST %s",
                n, Traffic.latencies(sent, got).summary()));
        Thread.sleep(1000);
        out.add(String.format("- **P4 after %d conversations** (%d users, one question each, %d answered): RSS **%.0f MiB** "
                        + "(peak %.0f MiB), heap high-water %d MiB", n, n, Traffic.latencies(sent, got).count(),
                bot.rssMiB(), bot.peakRssMiB(), bot.peakHeapMiB()));
        pinning.reportPlacement(bot, out);
    }

    /** First contact on a warm bot (each first question also creates the user's history file), beside its reference. */
    private void newcomers() throws Exception {
        try (DirectModel direct = new DirectModel(world.openAi.baseUrl())) {
            List<Long> directNanos = Collections.synchronizedList(new ArrayList<>());
            List<Traffic.Sent> sent = conversations("newcomer", USERS,
                    i -> direct.callAsync(false, t -> { if (t != null) directNanos.add(t.wholeNanos()); }));
            Map<String, Long> got = Traffic.firstArrivals(world.requests(FakeDingTalkApi.WEBHOOK), r -> r.queryParameter("session"));
            Thread.sleep(500);
            out.add(String.format("- first questions of %d new users at 100 msg/s on the warm bot, instant model: frame → "
                    + "webhook POST %s; direct model call %s", USERS, Traffic.latencies(sent, got).summary(),
                    Latencies.of(directNanos).summary()));
        }
    }

    private void overhead(int rate, int seconds) throws Exception {
        world.openAi.defaultAnswer("hello world", 4, MODEL_DELAY, Duration.ZERO);
        try (DirectModel direct = new DirectModel(world.openAi.baseUrl())) {
            warmUp(direct, rate);
            List<Long> directNanos = Collections.synchronizedList(new ArrayList<>());
            int n = rate * seconds;
            long cpuBefore = cpuMillis();
            ThreadCpu.Census cpuByThread = ThreadCpu.census(bot.pid());
            List<Traffic.Sent> sent = Traffic.push(world.gateway, rate, n,
                    i -> world.privateFrom(returningUser(i), "what is the weather like"), Traffic::session,
                    i -> direct.callAsync(false, t -> { if (t != null) directNanos.add(t.wholeNanos()); }));
            Map<String, Long> got = Traffic.awaitArrivals(world, FakeDingTalkApi.WEBHOOK, sent,
                    r -> r.queryParameter("session"), Duration.ofSeconds(60));
            long botCpu = cpuMillis() - cpuBefore;
            cpuByThread.look();
            Latencies viaBot = Traffic.latencies(sent, got);
            Latencies acks = Traffic.acks(world.gateway, sent);
            Thread.sleep(500);
            Latencies reference = Latencies.of(directNanos);
            out.add(String.format("- **P1 at %d msg/s** (%d s, %d messages, model delay %d ms): through the bot "
                            + "frame → webhook POST %s; direct model call %s; ratio p50 **%.3f**, p99 **%.3f**; "
                            + "added p50 **%.1f ms**, p99 **%.1f ms**",
                    rate, seconds, n, MODEL_DELAY.toMillis(), viaBot.summary(), reference.summary(),
                    viaBot.p50() / reference.p50(), viaBot.p99() / reference.p99(),
                    viaBot.p50() - reference.p50(), viaBot.p99() - reference.p99()));
            out.add(String.format("  - DingTalk channel at %d msg/s: frame → ACK %s; frame → webhook POST p50 %.1f ms, p99 %.1f ms",
                    rate, acks.summary(), viaBot.p50(), viaBot.p99()));
            out.add(String.format("  - the bot's CPU time: %.2f ms per message (%d ms for %d messages, GC and JIT included)",
                    (double) botCpu / n, botCpu, n));
            if (bots.size() == 1) {
                out.add("    - by thread: " + cpuByThread.perMessage(n));
            }
        }
    }

    /**
     * How fast messages are taken: {@code count} frames offered at {@code rate} per second from returning users, the
     * model answering at once; admitted per second from the first push to the last ACK.
     */
    private void admissions(int rate, int count) throws Exception {
        world.openAi.defaultAnswer("hello world", 4, Duration.ZERO, Duration.ZERO);
        List<Traffic.Sent> sent = Traffic.push(world.gateway, rate, count,
                i -> world.privateFrom(returningUser(i), "burst " + i), Traffic::session, i -> { });
        Traffic.awaitAcks(world.gateway, sent, Duration.ofSeconds(60));
        long first = sent.stream().mapToLong(Traffic.Sent::pushedNanos).min().orElseThrow();
        List<Long> ackedAt = new ArrayList<>();
        for (Traffic.Sent s : sent) {
            world.gateway.ackOf(s.frameId()).ifPresent(a -> ackedAt.add(s.pushedNanos() + a.latency().toNanos()));
        }
        long lastAck = ackedAt.stream().mapToLong(Long::longValue).max().orElse(first);
        Traffic.awaitArrivals(world, FakeDingTalkApi.WEBHOOK, sent, r -> r.queryParameter("session"),
                Duration.ofSeconds(120));
        out.add(String.format("- **Admissions** (%d frames offered at %d/s, instant model): **%.0f admitted/s** "
                        + "(%d ACKed); frame → ACK %s", count, rate, ackedAt.size() / ((lastAck - first) / 1e9),
                ackedAt.size(), Traffic.acks(world.gateway, sent).summary()));
    }

    /**
     * Transactions the bots' database has committed or rolled back so far, as its statistics say; -1 for file
     * storage.
     */
    private static long transactions(Map<String, String> env) throws SQLException {
        String url = env.get("STORAGE_POSTGRES_URL");
        if (url == null) return -1;
        try (Connection c = DriverManager.getConnection(url, env.get("STORAGE_POSTGRES_USER"), "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                     + " WHERE datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** CPU time every instance has used so far, in ms. */
    private long cpuMillis() {
        return bots.stream().mapToLong(BotChild::cpuMillis).sum();
    }

    /** A short burst at the same rate so that both paths have warm connections and compiled code. */
    private void warmUp(DirectModel direct, int rate) throws Exception {
        List<Traffic.Sent> sent = Traffic.push(world.gateway, rate, rate, i -> world.privateFrom(returningUser(i), "hi"),
                Traffic::session, i -> direct.callAsync(false, t -> { }));
        Traffic.awaitArrivals(world, FakeDingTalkApi.WEBHOOK, sent, r -> r.queryParameter("session"), Duration.ofSeconds(30));
    }

    /** P2's reference: the same answer text, whole, after as long as the card path's stream takes. */
    private void wholeAnswer(Duration whole) throws Exception {
        world.openAi.defaultAnswer(CardBenchmark.ANSWER, 4, whole, Duration.ZERO);
        try (DirectModel direct = new DirectModel(world.openAi.baseUrl())) {
            List<Long> directNanos = Collections.synchronizedList(new ArrayList<>());
            List<Traffic.Sent> sent = Traffic.push(world.gateway, CardBenchmark.RATE, CardBenchmark.COUNT,
                    i -> world.privateFrom("whole" + i, "what is the capital of France"), Traffic::session,
                    i -> direct.callAsync(false, t -> { if (t != null) directNanos.add(t.wholeNanos()); }));
            Map<String, Long> got = Traffic.awaitArrivals(world, FakeDingTalkApi.WEBHOOK, sent,
                    (ApiRequest r) -> r.queryParameter("session"), Duration.ofSeconds(60));
            Thread.sleep(500);
            out.add(String.format("- **P2 without cards** (stream_mode off, whole answer after %d ms): frame → webhook POST %s; "
                    + "direct whole call %s", whole.toMillis(), Traffic.latencies(sent, got).summary(),
                    Latencies.of(directNanos).summary()));
        }
    }
}
