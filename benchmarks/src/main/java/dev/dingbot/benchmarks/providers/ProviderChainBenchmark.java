package dev.dingbot.benchmarks.providers;

import dev.dingbot.benchmarks.system.Latencies;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.core.provider.FailoverChatModel;
import dev.dingbot.core.settings.FailoverSettings;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.openai.OpenAiProvider;
import dev.dingbot.openai.OpenAiSettings;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import dev.dingbot.testkit.openai.OpenAiJson;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P10: what the provider chain costs. (1) With a healthy primary: one streamed question through
 * {@link FailoverChatModel} against the same question to the primary's model directly, both in this JVM over a
 * model that answers at once (no network), so the difference is the chain's own work. (2) With a primary that
 * answers 503: the time from the primary's failure coming back to the first byte of the fallback's answer, both
 * real OpenAI adapters against fake servers on loopback (no retries on the primary, as the failover then starts at
 * once).
 */
public final class ProviderChainBenchmark {

    private static final int CALLS = 200_000;
    private static final int FAILOVERS = 300;
    private static final ChatRequest QUESTION = new ChatRequest(List.of(ChatTurn.user("hello?")), "u1", 100);

    private ProviderChainBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        healthy();
        // the adapter logs each of the primary's 503s at warn: hundreds of lines saying what the benchmark does
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.dingbot.openai"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        failover();
    }

    private static void healthy() {
        ChatModel direct = new InstantModel();
        FailoverChatModel chain = new FailoverChatModel(List.of(new FailoverChatModel.Provider("primary", direct),
                new FailoverChatModel.Provider("backup", new InstantModel())), FailoverSettings.defaults(),
                Clock.systemUTC(), FailoverChatModel.Listener.NONE);
        for (int i = 0; i < CALLS; i++) { // warm-up of both paths
            direct.stream(QUESTION, ChatListener.IGNORE);
            chain.stream(QUESTION, ChatListener.IGNORE);
        }
        List<Long> directNanos = new ArrayList<>(CALLS);
        List<Long> chainNanos = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
            long t0 = System.nanoTime();
            direct.stream(QUESTION, ChatListener.IGNORE);
            long t1 = System.nanoTime();
            chain.stream(QUESTION, ChatListener.IGNORE);
            long t2 = System.nanoTime();
            directNanos.add(t1 - t0);
            chainNanos.add(t2 - t1);
        }
        Latencies d = Latencies.of(directNanos);
        Latencies c = Latencies.of(chainNanos);
        System.out.printf("- healthy primary, %,d streamed questions each way, an in-JVM model answering at once: direct "
                        + "p50 %.2f µs, p99 %.2f µs; through the chain p50 %.2f µs, p99 %.2f µs; the chain adds p50 "
                        + "**%.2f µs**%n", CALLS, 1000 * d.p50(), 1000 * d.p99(), 1000 * c.p50(), 1000 * c.p99(),
                1000 * (c.p50() - d.p50()));
    }

    private static void failover() throws Exception {
        try (FakeOpenAiServer primary = FakeOpenAiServer.start(); FakeOpenAiServer backup = FakeOpenAiServer.start()) {
            backup.defaultAnswer("the backup answers", 8, Duration.ZERO, Duration.ZERO);
            OpenAiSettings failing = OpenAiSettings.defaults(primary.baseUrl(), "sk-primary", "gpt-4o-mini");
            failing = failing.toBuilder().retry(Retry.none()).build();
            try (OpenAiProvider first = OpenAiProvider.create(failing);
                 OpenAiProvider second = OpenAiProvider.create(OpenAiSettings.defaults(backup.baseUrl(), "sk-backup",
                         "gpt-4o-mini"))) {
                AtomicLong failedAt = new AtomicLong();
                FailoverChatModel chain = new FailoverChatModel(List.of(
                        new FailoverChatModel.Provider("primary", first.chatModel()),
                        new FailoverChatModel.Provider("backup", second.chatModel())),
                        FailoverSettings.builder().failuresToOpen(Integer.MAX_VALUE).coolDown(Duration.ofSeconds(1)).build(),
                        Clock.systemUTC(), new FailoverChatModel.Listener() {
                            @Override
                            public void failedOver(String from, String to, ChatStatus status) {
                                failedAt.set(System.nanoTime());
                            }
                        });
                List<Long> toFirstByte = new ArrayList<>();
                List<Long> whole = new ArrayList<>();
                for (int i = 0; i < FAILOVERS + 50; i++) {
                    primary.enqueueJson(503, OpenAiJson.error("The server is overloaded", "server_error", null));
                    long[] firstText = {0};
                    long t0 = System.nanoTime();
                    ChatResult result = chain.stream(QUESTION, delta -> {
                        if (firstText[0] == 0 && !delta.isEmpty()) firstText[0] = System.nanoTime();
                    });
                    long t1 = System.nanoTime();
                    if (result.status() != ChatStatus.OK || !"backup".equals(result.provider())) {
                        throw new IllegalStateException("not failed over: " + result.status() + " " + result.provider());
                    }
                    if (i >= 50) {
                        toFirstByte.add(firstText[0] - failedAt.get());
                        whole.add(t1 - t0);
                    }
                }
                Latencies f = Latencies.of(toFirstByte);
                System.out.printf("- primary answering 503 (no retries), %d questions: the primary's failure → the "
                                + "fallback's first text p50 **%.2f ms**, p99 %.2f ms; the whole question (the 503 "
                                + "included) %s%n", FAILOVERS, f.p50(), f.p99(), Latencies.of(whole).summary());
            }
        }
    }

    /** A model that answers at once, streaming one piece. */
    private static final class InstantModel implements ChatModel {
        private static final ChatResult ANSWER = ChatResult.ok("hi", new Usage("m", 3, 1));

        @Override
        public String modelName() {
            return "m";
        }

        @Override
        public ChatResult complete(ChatRequest request) {
            return ANSWER;
        }

        @Override
        public ChatResult stream(ChatRequest request, ChatListener listener) {
            listener.onText("hi");
            return ANSWER;
        }

        @Override
        public int countTokens(List<ChatTurn> turns) {
            return 3;
        }
    }
}
