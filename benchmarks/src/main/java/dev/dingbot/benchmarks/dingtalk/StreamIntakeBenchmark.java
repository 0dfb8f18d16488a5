package dev.dingbot.benchmarks.dingtalk;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.dingtalk.DingTalkChannel;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import dev.dingbot.testkit.dingtalk.StreamAck;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Stream intake through the real dingtalk-stream SDK and the loopback fake gateway, with a bot that admits
 * instantly: latency from the gateway pushing a bot-message frame to the gateway receiving its ACK, at a steady
 * rate of messages per second.
 *
 * <p>Arguments: rates in messages per second (default 50 200) and {@code --seconds N} per rate (default 5). Run:
 * {@code ./mvnw -Pbench -pl benchmarks exec:exec -Dexec.executable=java
 * -Dexec.args="-cp %classpath dev.dingbot.benchmarks.dingtalk.StreamIntakeBenchmark 50 200"}. Another main that
 * runs several benchmarks calls {@link #run(String...)}, which returns instead of exiting.
 */
public final class StreamIntakeBenchmark {

    private StreamIntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(args);
        // The SDK leaves a static netty event loop and timer running after stop().
        System.exit(0);
    }

    public static void run(String... args) throws Exception {
        List<Integer> rates = new ArrayList<>();
        int seconds = 5;
        for (int i = 0; i < args.length; i++) {
            if ("--seconds".equals(args[i])) seconds = Integer.parseInt(args[++i]);
            else rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) rates = List.of(50, 200);
        // Per-message debug lines would measure the console, not the intake.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);

        InstantBot bot = new InstantBot();
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start();
             DingTalkChannel channel = DingTalkChannel.create(settings(gateway), bot, Clock.systemUTC())) {
            channel.startStream();
            if (!gateway.awaitConnections(1, Duration.ofSeconds(15)) || !awaitConnected(channel)) {
                throw new IllegalStateException("the SDK did not connect to the fake gateway");
            }
            System.out.printf("stream intake: real dingtalk-stream SDK -> fake gateway (TLS WebSocket, loopback), "
                    + "instant bot, %d CPUs, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            run(gateway, 100, 2, "warm-up");
            for (int rate : rates) {
                run(gateway, rate, seconds, null);
            }
            System.out.printf("bot saw %d messages%n", bot.handled.get());
        }
    }

    private static void run(FakeDingTalkGateway gateway, int rate, int seconds, String label) throws Exception {
        int total = rate * seconds;
        int acksBefore = gateway.acks().size();
        List<String> ids = new ArrayList<>(total);
        // A webhook on DingTalk's own host, as real payloads carry: any other host is refused (and logged) per message.
        String payload = BotMessages.group().text(" what is the weather like")
                .sessionWebhookBase("https://oapi.dingtalk.com").json();
        ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        Object done = new Object();
        ScheduledFuture<?> task = pusher.scheduleAtFixedRate(() -> {
            if (sent.get() >= total) return;
            String id = gateway.pushBotMessage(payload);
            synchronized (ids) {
                ids.add(id);
            }
            if (sent.incrementAndGet() == total) {
                synchronized (done) {
                    done.notifyAll();
                }
            }
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        synchronized (done) {
            while (sent.get() < total) done.wait(1000);
        }
        task.cancel(false);
        pusher.shutdown();
        boolean all = gateway.awaitAcks(acksBefore + total, Duration.ofSeconds(30));
        long[] micros;
        synchronized (ids) {
            micros = ids.stream().map(gateway::ackOf).flatMap(java.util.Optional::stream)
                    .map(StreamAck::latency).mapToLong(d -> d.toNanos() / 1_000).sorted().toArray();
        }
        if (label != null) return;
        System.out.printf("%4d msg/s for %d s: %d frames, %d ACKs%s, frame->ACK p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                rate, seconds, total, micros.length, all ? "" : " (some missing)",
                percentile(micros, 0.50), percentile(micros, 0.99), micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
    }

    private static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) return Double.NaN;
        int index = (int) Math.ceil(p * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, Math.min(index, sortedMicros.length - 1))] / 1000.0;
    }

    private static boolean awaitConnected(DingTalkChannel channel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!channel.streamConnected()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(20);
        }
        return true;
    }

    private static DingTalkSettings settings(FakeDingTalkGateway gateway) {
        return DingTalkSettings.builder()
                .credentials(List.of(new DingTalkSettings.Credential("benchClientId", "benchSecret")))
                .apiHost(gateway.apiBaseUrl()).httpTimeout(Duration.ofSeconds(5)).sendRetries(0).build();
    }

    /** Admits every message at once, as core does when its inbox and lanes have room. */
    private static final class InstantBot implements ChatBot {
        final AtomicInteger handled = new AtomicInteger();

        @Override
        public Admission handle(IncomingMessage message, ReplyChannel channel) {
            handled.incrementAndGet();
            return Admission.ACCEPTED;
        }

        @Override
        public int replayPending(Function<IncomingMessage, ReplyChannel> channels) {
            return 0;
        }

        @Override
        public int inFlight() {
            return 0;
        }

        @Override
        public boolean shutdown(Duration grace) {
            return true;
        }
    }
}
