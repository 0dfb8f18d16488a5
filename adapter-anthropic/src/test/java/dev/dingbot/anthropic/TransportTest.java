package dev.dingbot.anthropic;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.modelhttp.Timeouts;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Proxies and timeouts: the same settings as the OpenAI adapter's, on a client of the adapter's own. */
class TransportTest {

    private final FakeAnthropicServer server = FakeAnthropicServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private String proxyAt(String userInfo) {
        return server.baseUrl().replace("http://", "http://" + userInfo);
    }

    @Test
    void an_http_proxy_carries_the_requests_to_the_api_host() {
        var fast = AnthropicFixtures.settings(server).build();
        try (var provider = AnthropicProvider.create(AnthropicSettings.builder("http://claude.example", AnthropicFixtures.KEY,
                AnthropicFixtures.MODEL).proxy(proxyAt("")).retry(fast.retry()).timeouts(fast.timeouts()).build())) {

            ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

            RecordedRequest request = server.takeRequest();
            assertThat(result.status()).isEqualTo(ChatStatus.OK);
            assertThat(request.getUrl().host()).isEqualTo("claude.example");
        }
    }

    @Test
    void the_proxy_password_never_reaches_a_provider_message() {
        server.enqueueError(400, "invalid_request_error", "bad request via http://user:pr0xy-pass@10.0.0.1:3128 pr0xy-pass");
        try (var provider = AnthropicProvider.create(AnthropicSettings.builder("http://claude.example", AnthropicFixtures.KEY,
                AnthropicFixtures.MODEL).proxy(proxyAt("user:pr0xy-pass@")).retry(Retry.none()).build())) {

            ChatResult result = provider.chatModel().complete(AnthropicFixtures.question("hi"));

            assertThat(result.status()).isEqualTo(ChatStatus.BAD_REQUEST);
            assertThat(result.providerMessage()).doesNotContain("pr0xy-pass");
        }
    }

    @Test
    void a_socks_proxy_with_credentials_is_refused_when_the_provider_is_made_naming_what_works() {
        var settings = AnthropicSettings.builder("", "k", "m").proxy("socks5://user:pass@127.0.0.1:1080").build();

        assertThatThrownBy(() -> AnthropicProvider.create(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// proxy").hasMessageNotContaining("pass@");
    }

    @Test
    void a_server_silent_past_the_idle_read_timeout_is_a_timeout() {
        server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body("{}").build());
        try (var provider = AnthropicProvider.create(AnthropicFixtures.settings(server).retry(Retry.none())
                .timeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(5)))
                .build())) {

            ChatResult result = provider.chatModel().stream(AnthropicFixtures.question("hi"), d -> { });

            assertThat(result.status()).isEqualTo(ChatStatus.TIMEOUT);
        }
    }
}
