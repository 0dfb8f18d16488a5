package dev.dingbot.testkit.openai;

import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Fails a share of chat requests at random, each with one of the faults a real model server shows. */
final class RandomFaults {

    private final double share;
    private final Random random;
    private final Duration stall;
    private final Map<FakeOpenAiServer.Fault, Integer> served = new EnumMap<>(FakeOpenAiServer.Fault.class);
    private int passed;

    RandomFaults(double share, long seed, Duration stall) {
        this.share = share;
        this.random = new Random(seed);
        this.stall = stall;
    }

    /** A fault for this request, or null when it passes. */
    synchronized MockResponse next(boolean streamed) {
        if (random.nextDouble() >= share) {
            passed++;
            return null;
        }
        FakeOpenAiServer.Fault[] kinds = FakeOpenAiServer.Fault.values();
        FakeOpenAiServer.Fault fault = kinds[random.nextInt(kinds.length)];
        served.merge(fault, 1, Integer::sum);
        return switch (fault) {
            case SERVER_ERROR -> error(503, "The server is overloaded or not ready yet.", "server_error")
                    .build();
            case RATE_LIMITED -> error(429, "Rate limit reached for requests", "requests")
                    .setHeader("retry-after", "1").build();
            case CUT_MID_BODY -> cutMidBody(streamed);
            case STALL -> new MockResponse.Builder().setHeader("Content-Type", "application/json")
                    .bodyDelay(stall.toMillis(), TimeUnit.MILLISECONDS)
                    .body(OpenAiJson.completion("gpt-4o-mini", "too late", "stop", 10, 2)).build();
        };
    }

    synchronized Map<FakeOpenAiServer.Fault, Integer> served() {
        return Map.copyOf(served);
    }

    synchronized int passed() {
        return passed;
    }

    private static MockResponse.Builder error(int status, String message, String type) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .body(OpenAiJson.error(message, type, null));
    }

    /** The head of a real answer, then the socket is closed: half a JSON body, or a stream without [DONE]. */
    private static MockResponse cutMidBody(boolean streamed) {
        String body = streamed
                ? "data: " + OpenAiJson.chunk("gpt-4o-mini", "half an ans", null) + "\n\n"
                        + "data: " + OpenAiJson.chunk("gpt-4o-mini", "wer and more", null) + "\n\n"
                : OpenAiJson.completion("gpt-4o-mini", "a whole answer that will never arrive", "stop", 10, 8);
        return new MockResponse.Builder()
                .setHeader("Content-Type", streamed ? "text/event-stream" : "application/json")
                .body(body)
                .throttleBody(body.length() / 3, 20, TimeUnit.MILLISECONDS)
                .onResponseBody(new SocketEffect.CloseSocket(true, false, false))
                .build();
    }
}
