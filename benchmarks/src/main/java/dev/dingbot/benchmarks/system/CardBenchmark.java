package dev.dingbot.benchmarks.system;

import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P2, first visible answer with AI cards (stream_mode on): frame → card delivered, frame → first card frame
 * carrying answer text, against the fake model's own time to first token measured by a direct streaming call.
 */
final class CardBenchmark {

    static final String ANSWER = "Paris is the capital of France; it sits on the Seine and has about two million people.";
    static final Duration TTFT = Duration.ofMillis(300);
    static final Duration GAP = Duration.ofMillis(50);
    static final int RATE = 2;
    static final int COUNT = 20;

    private CardBenchmark() {
    }

    static int chunks() {
        return (ANSWER.length() + 3) / 4;
    }

    static void run(SystemRun run, List<String> out) throws Exception {
        try (World world = new World()) {
            Path dir = run.workDir("cards");
            world.writeConfig(run.repoRoot(), dir, "", "stream_mode: true\n");
            try (BotChild bot = BotChild.start(run, dir);
                 DirectModel direct = new DirectModel(world.openAi.baseUrl())) {
                bot.awaitReady(Duration.ofSeconds(90));
                if (!world.gateway.awaitConnections(1, Duration.ofSeconds(20))) throw new IllegalStateException("no stream connection");
                world.openAi.defaultAnswer(ANSWER, 4, TTFT, GAP);
                measure(world, direct, "warm", 10, null);
                measure(world, direct, "card", COUNT, out);
                bot.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static void measure(World world, DirectModel direct, String prefix, int count, List<String> out) throws Exception {
        List<Long> ttft = Collections.synchronizedList(new ArrayList<>());
        List<Long> whole = Collections.synchronizedList(new ArrayList<>());
        List<Traffic.Sent> sent = Traffic.push(world.gateway, RATE, count,
                i -> world.groupOf("cid" + prefix + i, prefix + "user" + i, "what is the capital of France"),
                m -> conversationOf(m.json()),
                i -> direct.callAsync(true, t -> {
                    if (t == null) return;
                    ttft.add(t.firstTextNanos());
                    whole.add(t.wholeNanos());
                }));
        Map<String, Long> created = Traffic.awaitArrivals(world, FakeDingTalkApi.CARD_CREATE, sent,
                r -> spaceConversation(r), Duration.ofSeconds(30));
        Thread.sleep(GAP.multipliedBy(chunks()).plus(TTFT).plusSeconds(3).toMillis());
        if (out == null) return;
        Map<String, String> conversationOfCard = new HashMap<>();
        for (ApiRequest r : world.requests(FakeDingTalkApi.CARD_CREATE)) {
            conversationOfCard.put(r.json().path("outTrackId").asText(), spaceConversation(r));
        }
        String firstPiece = ANSWER.substring(0, 4);
        Map<String, Long> firstText = new HashMap<>();
        Map<String, Long> finalFrame = new HashMap<>();
        for (ApiRequest r : world.requests(FakeDingTalkApi.CARD_STREAMING)) {
            String conversation = conversationOfCard.get(r.json().path("outTrackId").asText());
            if (conversation == null) continue;
            if (r.json().path("content").asText("").contains(firstPiece)) firstText.merge(conversation, r.nanoTime(), Math::min);
            if (r.json().path("isFinalize").asBoolean(false)) finalFrame.merge(conversation, r.nanoTime(), Math::min);
        }
        Latencies delivered = Traffic.latencies(sent, created);
        Latencies first = Traffic.latencies(sent, firstText);
        Latencies reference = Latencies.of(ttft);
        out.add(String.format("- **P2 (a)** frame → card delivered (createAndDeliver received): %s", delivered.summary()));
        out.add(String.format("- **P2 (b)** frame → first card frame with answer text: %s; the fake model's own TTFT "
                        + "(direct streaming call, set to %d ms): %s; goal max(TTFT, delivery + first-frame gap) + 100 ms",
                first.summary(), TTFT.toMillis(), reference.summary()));
        out.add(String.format("  - frame → final card frame %s; direct streaming call to its end %s (%d chunks, %d ms apart)",
                Traffic.latencies(sent, finalFrame).summary(), Latencies.of(whole).summary(), chunks(), GAP.toMillis()));
    }

    private static String conversationOf(String json) {
        int at = json.indexOf("\"conversationId\":\"") + "\"conversationId\":\"".length();
        return json.substring(at, json.indexOf('"', at));
    }

    private static String spaceConversation(ApiRequest create) {
        String space = create.json().path("openSpaceId").asText("");
        return space.substring(space.lastIndexOf("IM_GROUP.") + "IM_GROUP.".length());
    }
}
