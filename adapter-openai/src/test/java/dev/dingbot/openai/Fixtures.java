package dev.dingbot.openai;

import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.MockResponse;

import java.time.Duration;
import java.util.List;

/** Settings and requests shared by the adapter tests: fast retries so a retry test takes milliseconds. */
final class Fixtures {

    static final String KEY = "sk-test-SECRET-0123456789";

    private Fixtures() {
    }

    static OpenAiSettings settings(FakeOpenAiServer server, String model) {
        return OpenAiSettings.builder(server.baseUrl(), KEY, model)
                .retry(new Retry(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .timeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10)))
                .build();
    }

    static OpenAiSettings settings(FakeOpenAiServer server) {
        return settings(server, "gpt-4o-mini");
    }

    static ChatRequest question(String text) {
        return new ChatRequest(List.of(ChatTurn.system("Be brief."), ChatTurn.user(text)), "user-42", 100);
    }

    /** A 200 event stream with this exact body text. */
    static MockResponse sse(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body).build();
    }

    static String chunk(String content) {
        return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + (content == null ? "null" : "\"" + content + "\"") + "},\"finish_reason\":null}]}";
    }

    static final String FINISH_STOP = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
}
