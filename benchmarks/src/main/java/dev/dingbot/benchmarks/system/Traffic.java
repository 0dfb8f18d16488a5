package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/** Frames pushed through the fake gateway at a steady rate (open loop), and what arrived for them. */
final class Traffic {

    /** One pushed frame: the key its replies can be found by, the gateway's frame id, when it was pushed. */
    record Sent(String key, String frameId, long pushedNanos) {
    }

    private Traffic() {
    }

    /**
     * Pushes {@code count} messages at {@code rate} per second; {@code alongside} runs on the same tick (e.g. the
     * direct reference call). {@code key} names what a reply will carry (a session id, a conversation id).
     */
    static List<Sent> push(FakeDingTalkGateway gateway, int rate, int count, IntFunction<BotMessages> message,
                           Function<BotMessages, String> key, IntConsumer alongside) throws InterruptedException {
        List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>(count));
        CountDownLatch done = new CountDownLatch(count);
        int[] next = {0};
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            pacer.scheduleAtFixedRate(() -> {
                int i = next[0];
                if (i >= count) return;
                next[0]++;
                BotMessages m = message.apply(i);
                String json = m.json();
                alongside.accept(i);
                long t0 = System.nanoTime();
                String frameId = gateway.pushBotMessage(json);
                sent.add(new Sent(key.apply(m), frameId, t0));
                done.countDown();
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            done.await();
        } finally {
            pacer.shutdownNow();
        }
        return new ArrayList<>(sent);
    }

    static String session(BotMessages message) {
        String hook = message.sessionWebhook();
        return hook.substring(hook.indexOf("session=") + "session=".length());
    }

    /** The earliest arrival of each key among {@code requests}. */
    static Map<String, Long> firstArrivals(Collection<ApiRequest> requests, Function<ApiRequest, String> key) {
        Map<String, Long> first = new HashMap<>();
        for (ApiRequest r : requests) first.merge(key.apply(r), r.nanoTime(), Math::min);
        return first;
    }

    /** Latency from push to the first arrival of each sent key; keys that got nothing are left out. */
    static Latencies latencies(List<Sent> sent, Map<String, Long> arrivals) {
        List<Long> nanos = new ArrayList<>();
        for (Sent s : sent) {
            Long at = arrivals.get(s.key());
            if (at != null) nanos.add(at - s.pushedNanos());
        }
        return Latencies.of(nanos);
    }

    /** Frame → ACK latencies as the gateway measured them. */
    static Latencies acks(FakeDingTalkGateway gateway, List<Sent> sent) {
        List<Long> nanos = new ArrayList<>();
        for (Sent s : sent) gateway.ackOf(s.frameId()).ifPresent(a -> nanos.add(a.latency().toNanos()));
        return Latencies.of(nanos);
    }

    /**
     * Waits until every frame of {@code sent} was ACKed, or the timeout passed; returns how many were. (The
     * gateway's own "all ACKed" only counts frames it would deliver again.)
     */
    static int awaitAcks(FakeDingTalkGateway gateway, List<Sent> sent, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int acked = 0;
        for (Sent s : sent) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (gateway.awaitAck(s.frameId(), left).isPresent()) acked++;
        }
        return acked;
    }

    /** Polls until {@code count} keys of {@code sent} have arrivals, or the timeout passes. */
    static Map<String, Long> awaitArrivals(World world, String path, List<Sent> sent,
                                           Function<ApiRequest, String> key, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (Sent s : sent) wanted.add(s.key());
        while (true) {
            Map<String, Long> arrivals = firstArrivals(world.requests(path), key);
            long got = wanted.stream().filter(arrivals::containsKey).count();
            if (got >= wanted.size() || System.nanoTime() > deadline) return arrivals;
            Thread.sleep(200);
        }
    }
}
