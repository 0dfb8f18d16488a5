package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * P3: many answers streamed from the model at once, each taking about ten seconds, while other users ask for
 * 帮助; the bot's peak heap, RSS and threads, and how fast the help replies came. A smaller burst of the same kind
 * warms the bot first; and at each 帮助 the fakes' side posts the same reply to the fake webhook itself, so that
 * what the fakes' own load costs a reply is told apart from what the bot adds.
 *
 * <p>Without cards, each question comes from a group message that carries no conversation id, so that no card
 * can be opened: the answer streams from the model and is posted whole through the session webhook. With cards,
 * every answer is an AI card, and the app-wide budget of 20 card calls per second (DingTalk's limit) paces them.
 */
final class ConcurrencyBenchmark {

    private static final String ANSWER = "This answer streams for about ten seconds, four characters at a time, then ends.";
    private static final Duration TTFT = Duration.ofMillis(500);
    private static final Duration GAP = Duration.ofMillis(500);
    private static final int PUSH_RATE = 400;
    private static final int HELP_RATE = 20;
    /** The most questions of the warm-up burst (a quarter of the burst's, at most this many). */
    private static final int WARM_ANSWERS = 400;

    private ConcurrencyBenchmark() {
    }

    static void run(SystemRun run, int answers, boolean cards, List<String> out) throws Exception {
        try (World world = new World(); DirectWebhook direct = new DirectWebhook(world.gateway.apiBaseUrl())) {
            try (BotChild bot = startStreaming(world, run, cards ? "concurrency-cards" : "concurrency", answers)) {
                WarmUp warm = warmUp(world, cards, Math.min(WARM_ANSWERS, answers / 4));
                double rssBefore = bot.rssMiB();
                // What the last GC before the load left is the heap after the warm-up.
                int heapAfterWarmUp = bot.heapAfterLastGcMiB();
                int gcsBefore = bot.gcCount();
                int threadsBefore = bot.threads();
                AtomicInteger maxThreads = new AtomicInteger(threadsBefore);
                long botCpuBefore = bot.cpuMillis();
                ThreadCpu.Census cpuByThread = ThreadCpu.census(bot.pid());
                ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
                sampler.scheduleAtFixedRate(() -> {
                    maxThreads.accumulateAndGet(bot.threads(), Math::max);
                    cpuByThread.look();
                }, 0, 200, TimeUnit.MILLISECONDS);
                long harnessCpuBefore = harnessCpuMillis();
                long start = System.nanoTime();
                CompletableFuture<List<Traffic.Sent>> load = askAsync(world, cards, "load", answers);
                Thread.sleep(1000);
                int helps = HELP_RATE * 10;
                List<Traffic.Sent> help = Traffic.push(world.gateway, HELP_RATE, helps,
                        i -> world.privateFrom("help" + i, "帮助"), Traffic::session, i -> direct.postAsync("direct-help" + i));
                List<Traffic.Sent> questions = load.join();
                int finished = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(cards ? 120 : 90).toNanos();
                while (System.nanoTime() < deadline) {
                    finished = cards ? finalizedCards(world) - warm.cards()
                            : Traffic.latencies(questions, webhookArrivals(world)).count();
                    if (finished >= answers) break;
                    Thread.sleep(500);
                }
                double allDoneSeconds = (System.nanoTime() - start) / 1e9;
                long botCpu = bot.cpuMillis() - botCpuBefore;
                long harnessCpu = harnessCpuMillis() - harnessCpuBefore;
                sampler.shutdown();
                sampler.awaitTermination(5, TimeUnit.SECONDS);
                cpuByThread.look();
                int peakHeap = bot.peakHeapMiBSince(gcsBefore);
                int peakLive = bot.peakHeapAfterGcMiBSince(gcsBefore);
                Map<String, Long> helpReplies = Traffic.awaitArrivals(world, FakeDingTalkApi.WEBHOOK, help,
                        r -> r.queryParameter("session"), Duration.ofSeconds(10));
                Latencies helpLatency = Traffic.latencies(help, helpReplies);
                List<Traffic.Sent> directHelp = direct.sent();
                out.add(String.format("- **P3 %d concurrent streamed answers %s** (~%d s each, pushed at %d/s): "
                                + "%d finished %.1f s after the first push; peak RSS **%.0f MiB** (%.0f MiB after the warm-up); "
                                + "peak heap **%d MiB**; threads %d → max %d; heap a collection left per concurrent answer %.0f KB "
                                + "((the most heap a GC during P3 left, live and old garbage, %d MiB, − %d MiB after "
                                + "the warm-up) / %d; %.0f KB counting the garbage a GC found)",
                        answers, cards ? "in AI cards" : "without cards (posted whole)",
                        TTFT.plus(GAP.multipliedBy(ANSWER.length() / 4)).toSeconds(), PUSH_RATE, finished,
                        allDoneSeconds, bot.peakRssMiB(), rssBefore, bot.peakHeapMiB(), threadsBefore, maxThreads.get(),
                        (peakLive - heapAfterWarmUp) * 1024.0 / answers, peakLive, heapAfterWarmUp, answers,
                        (peakHeap - heapAfterWarmUp) * 1024.0 / answers));
                run.pinning().reportPlacement(bot, out);
                out.add(String.format("  - warm-up right after the start: %d of the same questions at %d/s, 帮助 meanwhile, "
                        + "answered to the end before the figures here: 帮助 frame → reply %s", warm.questions(), PUSH_RATE,
                        warm.help().summary()));
                out.add(String.format("  - meanwhile 帮助 from %d other users at %d/s: frame → reply %s (goal p99 ≤ 50 ms)",
                        helps, HELP_RATE, helpLatency.summary()));
                Latencies directLatency = Traffic.latencies(directHelp, helpReplies);
                out.add(String.format("  - the same reply posted by the fakes' side straight to the webhook at each tick: %s; "
                        + "added p50 / p99 **%.1f / %.1f ms**", directLatency.summary(),
                        helpLatency.p50() - directLatency.p50(), helpLatency.p99() - directLatency.p99()));
                long burstEnd = start + Duration.ofMillis(answers * 1000L / PUSH_RATE).toNanos();
                out.add("  - 帮助 by the bot " + beforeAndAfter(help, helpReplies, burstEnd));
                out.add("  - posted straight " + beforeAndAfter(directHelp, helpReplies, burstEnd));
                out.add(String.format("  - frame → ACK: questions %s; 帮助 %s",
                        Traffic.acks(world.gateway, questions).summary(), Traffic.acks(world.gateway, help).summary()));
                out.add(String.format("  - CPU time meanwhile: the bot %.1f s, the fakes and this harness %.1f s, in %.1f s "
                        + "of wall time on %s", botCpu / 1000.0, harnessCpu / 1000.0, allDoneSeconds,
                        run.pinning().isPinned() ? "a core each"
                                : Runtime.getRuntime().availableProcessors() + " cores"));
                out.add("    - by thread: " + cpuByThread.perMessage(answers + helps));
                bot.stop(Duration.ofSeconds(30));
            }
        }
    }

    /** The latencies of what was sent while the questions' burst was still being pushed, and of what was sent after. */
    private static String beforeAndAfter(List<Traffic.Sent> sent, Map<String, Long> arrivals, long burstEnd) {
        return String.format("while the questions still arrived: %s; after: %s",
                Traffic.latencies(sent.stream().filter(s -> s.pushedNanos() < burstEnd).toList(), arrivals).summary(),
                Traffic.latencies(sent.stream().filter(s -> s.pushedNanos() >= burstEnd).toList(), arrivals).summary());
    }

    private static long harnessCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    /**
     * The heap each concurrent answer keeps alive, and in what: a census of the live heap after the start and
     * again while every question of the burst is being answered (just after the last one was pushed, before the
     * first answer ends), each after a full collection. Its own bot, since a full collection would pause the
     * 帮助 replies that the run above times.
     */
    static void census(SystemRun run, int answers, List<String> out) throws Exception {
        try (World world = new World(); BotChild bot = startStreaming(world, run, "concurrency-census", answers)) {
            HeapCensus before = HeapCensus.of(run.javaHome(), bot.pid());
            List<Traffic.Sent> questions = Traffic.push(world.gateway, PUSH_RATE, answers,
                    i -> question(world, false, "load", i), Traffic::session, i -> { });
            Thread.sleep(TTFT.toMillis());
            HeapCensus during = HeapCensus.of(run.javaHome(), bot.pid());
            long answered = Traffic.latencies(questions, webhookArrivals(world)).count();
            long streaming = answers - answered;
            out.add(String.format("- **P3 live heap per concurrent answer** (%d answers in flight: pushed, not yet posted; a full "
                            + "collection before each census): **%.0f KB** (%.1f MiB after the start, %.1f MiB while they stream)",
                    streaming, (during.totalBytes() - before.totalBytes()) / 1024.0 / streaming,
                    before.totalBytes() / 1048576.0, during.totalBytes() / 1048576.0));
            out.add("  - grown most, KB per answer: " + during.grownMostSince(before, 10).stream()
                    .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / 1024.0 / streaming))
                    .collect(java.util.stream.Collectors.joining(", ")));
            bot.stop(Duration.ofSeconds(30));
        }
    }

    /** A bot whose lanes take {@code answers} at once, ready and connected, and a model that streams slowly. */
    private static BotChild startStreaming(World world, SystemRun run, String name, int answers) throws Exception {
        Path dir = run.workDir(name);
        world.writeConfig(run.repoRoot(), dir, "", """
                stream_mode: true
                help: "帮助文本"
                lanes:
                  workers: %d
                  max_queued: %d
                """.formatted(answers + 100, answers + 1000));
        BotChild bot = BotChild.start(run, dir);
        try {
            bot.awaitReady(Duration.ofSeconds(90));
            if (!world.gateway.awaitConnections(1, Duration.ofSeconds(20))) throw new IllegalStateException("no stream connection");
            world.openAi.defaultAnswer(ANSWER, 4, TTFT, GAP);
            return bot;
        } catch (Exception | Error e) {
            bot.close();
            throw e;
        }
    }

    /** Pushes {@code count} questions at the burst's rate, from users {@code prefix}0, {@code prefix}1 …, on a thread of its own. */
    private static CompletableFuture<List<Traffic.Sent>> askAsync(World world, boolean cards, String prefix, int count) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Traffic.push(world.gateway, PUSH_RATE, count, i -> question(world, cards, prefix, i),
                        Traffic::session, i -> { });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static BotMessages question(World world, boolean cards, String prefix, int i) {
        return world.groupOf(cards ? "cid" + prefix + i : "", prefix + i, "tell me a long story");
    }

    private static int finalizedCards(World world) {
        return (int) world.api.cards().stream().filter(ApiCard::finalized).count();
    }

    /** The warm-up burst: the cards it finalized, and how fast its 帮助 were answered. */
    private record WarmUp(int questions, int cards, Latencies help) {
    }

    /**
     * The first burst after the start, smaller ({@code count} questions, 帮助 meanwhile) and answered to the
     * end before anything is measured, so that the figures are the warm bot's, as P1's are: right after the start
     * the bot still loads and compiles its code (its 帮助 are reported on a line of their own).
     */
    private static WarmUp warmUp(World world, boolean cards, int count) throws Exception {
        CompletableFuture<List<Traffic.Sent>> questions = askAsync(world, cards, "warm", count);
        List<Traffic.Sent> help = Traffic.push(world.gateway, HELP_RATE, HELP_RATE,
                i -> world.privateFrom("warmhelp" + i, "帮助"), Traffic::session, i -> { });
        List<Traffic.Sent> asked = questions.join();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline
                && (cards ? finalizedCards(world) : Traffic.latencies(asked, webhookArrivals(world)).count()) < count) {
            Thread.sleep(500);
        }
        return new WarmUp(count, cards ? finalizedCards(world) : 0, Traffic.latencies(help, webhookArrivals(world)));
    }

    private static Map<String, Long> webhookArrivals(World world) {
        return Traffic.firstArrivals(world.requests(FakeDingTalkApi.WEBHOOK), r -> r.queryParameter("session"));
    }
}
