package dev.dingbot.anthropic;

import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;

import java.time.Duration;
import java.util.List;

/** Settings and requests shared by the adapter tests: fast retries, so that a retry test takes milliseconds. */
final class AnthropicFixtures {

    static final String KEY = "sk-ant-test-SECRET-0123456789";
    static final String MODEL = "claude-sonnet-4-5";
    /** Two quick retries. */
    static final Retry RETRY = new Retry(2, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(1),
            Duration.ofSeconds(5));

    private AnthropicFixtures() {
    }

    static AnthropicSettings.Builder settings(FakeAnthropicServer server) {
        return AnthropicSettings.builder(server.baseUrl(), KEY, MODEL)
                .retry(RETRY)
                .timeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    static ChatRequest question(String text) {
        return new ChatRequest(List.of(ChatTurn.system("Be brief."), ChatTurn.user(text)), "user-42", 100);
    }
}
