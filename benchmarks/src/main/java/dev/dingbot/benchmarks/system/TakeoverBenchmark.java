package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P7's takeover: several instances on one database, one killed with SIGKILL while it answers messages pushed to its
 * Stream connection; how long from the kill until another instance's answer to each of them arrives.
 */
final class TakeoverBenchmark {

    private static final int MESSAGES = 20;
    private static final Duration MODEL_DELAY = Duration.ofSeconds(2);
    /** storage.postgres.lease as the benchmark's bots run with it: the default. */
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final World world;
    private final List<BotChild> bots;
    private final List<String> out;

    TakeoverBenchmark(World world, List<BotChild> bots, List<String> out) {
        this.world = world;
        this.bots = bots;
        this.out = out;
    }

    /** The first instance is the one killed: its Stream connection was the first to open. */
    void run() throws Exception {
        world.openAi.defaultAnswer("taken over", 4, MODEL_DELAY, Duration.ZERO);
        List<Traffic.Sent> sent = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            var message = world.privateFrom("takeover" + i, "问题 " + i);
            long pushed = System.nanoTime();
            sent.add(new Traffic.Sent(Traffic.session(message), world.gateway.pushBotMessageTo(0, message.json()),
                    pushed));
        }
        if (Traffic.awaitAcks(world.gateway, sent, Duration.ofSeconds(30)) < MESSAGES) {
            throw new IllegalStateException("the first instance did not take its messages");
        }
        bots.get(0).kill();
        long killed = System.nanoTime();
        Map<String, Long> arrivals = Traffic.awaitArrivals(world, FakeDingTalkApi.WEBHOOK, sent,
                r -> r.queryParameter("session"), LEASE.multipliedBy(3));
        List<Long> afterKill = new ArrayList<>();
        int beforeKill = 0;
        for (Traffic.Sent s : sent) {
            Long at = arrivals.get(s.key());
            if (at == null) continue;
            if (at < killed) beforeKill++;
            else afterKill.add(at - killed);
        }
        out.add(String.format("- **Takeover**: %d messages pushed to one of %d instances, which was killed with SIGKILL "
                        + "while it answered them (model delay %d ms); %d answered before the kill, %d by the others "
                        + "after it, %d never; SIGKILL → the taking-over instance's answer %s (lease %d s)",
                MESSAGES, bots.size(), MODEL_DELAY.toMillis(), beforeKill, afterKill.size(),
                MESSAGES - beforeKill - afterKill.size(), Latencies.of(afterKill).summary(), LEASE.toSeconds()));
    }
}
