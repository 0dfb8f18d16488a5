package dev.dingbot.openai;

import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Retrier;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.dingbot.openai.Fixtures.chunk;
import static org.assertj.core.api.Assertions.assertThat;

class RetryTest {

    private static final String OVERLOADED = "{\"error\":{\"message\":\"Our servers are currently overloaded.\",\"type\":\"server_error\",\"code\":null}}";
    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server));

    @AfterEach
    void stop() {
        provider.close();
        server.close();
    }

    private static MockResponse rateLimited(String header, String value) {
        return new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json").setHeader(header, value)
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}").build();
    }

    @Test
    void a_503_that_recovers_after_two_retries_gives_the_answer() {
        server.enqueueJson(503, OVERLOADED).enqueueJson(503, OVERLOADED).enqueueCompletion("recovered");

        ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo("recovered");
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void a_stream_that_fails_before_any_text_is_retried() {
        server.enqueueJson(500, OVERLOADED).enqueueStream(List.of("x", "y"), Duration.ZERO, Duration.ZERO);

        ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), d -> { });

        assertThat(result.text()).isEqualTo("xy");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_deepseek_stream_ending_in_insufficient_system_resource_before_any_text_is_retried() {
        server.enqueue(Fixtures.sse("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},"
                        + "\"finish_reason\":\"insufficient_system_resource\"}]}\n\ndata: [DONE]\n\n"))
                .enqueueStream(List.of("second try"), Duration.ZERO, Duration.ZERO);

        ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), d -> { });

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.text()).isEqualTo("second try");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void attempts_are_bounded_by_max_retries() {
        for (int i = 0; i < 5; i++) server.enqueueJson(503, OVERLOADED);

        ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.SERVER_ERROR);
        assertThat(server.requestCount()).isEqualTo(3);
    }

    @Test
    void a_429_insufficient_quota_is_called_exactly_once() {
        server.enqueueJson(429, "{\"error\":{\"message\":\"You exceeded your current quota.\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");

        ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.QUOTA_EXHAUSTED);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void content_filter_and_auth_failures_are_never_retried() {
        server.enqueueJson(400, "{\"error\":{\"message\":\"filtered\",\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\"}}");
        assertThat(provider.chatModel().complete(Fixtures.question("hi")).status()).isEqualTo(ChatStatus.CONTENT_FILTERED);
        server.enqueueJson(401, "{\"error\":{\"message\":\"Incorrect API key\",\"code\":\"invalid_api_key\"}}");
        assertThat(provider.chatModel().complete(Fixtures.question("hi")).status()).isEqualTo(ChatStatus.AUTH_FAILED);

        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void a_rate_limit_waits_what_retry_after_ms_asks_then_succeeds() {
        server.enqueue(rateLimited("retry-after-ms", "150")).enqueueCompletion("after waiting");

        long start = System.nanoTime();
        ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));
        long waitedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.text()).isEqualTo("after waiting");
        assertThat(waitedMs).isGreaterThanOrEqualTo(150);
    }

    @Test
    void a_retry_after_beyond_the_cap_fails_fast_without_retrying() {
        server.enqueue(rateLimited("Retry-After", "300")).enqueueCompletion("never asked");

        long start = System.nanoTime();
        ChatResult result = provider.chatModel().complete(Fixtures.question("hi"));

        assertThat(result.status()).isEqualTo(ChatStatus.RATE_LIMITED);
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    }

    @Test
    void x_should_retry_false_stops_retries() {
        server.enqueue(new MockResponse.Builder().code(503).setHeader("x-should-retry", "false").body(OVERLOADED).build())
                .enqueueCompletion("never asked");

        provider.chatModel().complete(Fixtures.question("hi"));

        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void no_retry_once_text_reached_the_listener() {
        server.enqueue(Fixtures.sse("data: " + chunk("partial") + "\n\ndata: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n"))
                .enqueueCompletion("never asked");
        List<String> seen = new ArrayList<>();

        ChatResult result = provider.chatModel().stream(Fixtures.question("hi"), seen::add);

        assertThat(result.status()).isEqualTo(ChatStatus.INTERRUPTED);
        assertThat(seen).containsExactly("partial");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @Test
    void no_retry_starts_past_the_total_retry_deadline() {
        var slowBackoff = Fixtures.settings(server).toBuilder().retry(new Retry(5,
                Duration.ofMillis(400), Duration.ofMillis(400), Duration.ofSeconds(1), Duration.ofMillis(500))).build();
        for (int i = 0; i < 6; i++) server.enqueueJson(503, OVERLOADED);

        try (var p = OpenAiProvider.create(slowBackoff)) {
            p.chatModel().complete(Fixtures.question("hi"));
        }

        assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void backoff_doubles_up_to_the_cap_with_jitter_of_at_most_a_quarter() {
        var retrier = new Retrier(new Retry(5, Duration.ofMillis(100), Duration.ofMillis(350),
                Duration.ofSeconds(1), Duration.ofSeconds(10)));

        assertThat(retrier.backoff(0).toMillis()).isBetween(75L, 100L);
        assertThat(retrier.backoff(1).toMillis()).isBetween(150L, 200L);
        assertThat(retrier.backoff(4).toMillis()).isBetween(262L, 350L);
    }

    @Test
    void retry_after_is_read_as_seconds_milliseconds_or_an_http_date() {
        assertThat(RateLimitHeaders.retryAfter(okhttp3.Headers.of("Retry-After", "1.5")::get)).isEqualTo(Duration.ofMillis(1500));
        assertThat(RateLimitHeaders.retryAfter(okhttp3.Headers.of("retry-after-ms", "20", "Retry-After", "9")::get)).isEqualTo(Duration.ofMillis(20));
        assertThat(RateLimitHeaders.retryAfter(okhttp3.Headers.of("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT")::get)).isEqualTo(Duration.ZERO);
        assertThat(RateLimitHeaders.retryAfter(okhttp3.Headers.of("Retry-After", "soon")::get)).isNull();
    }

    @Test
    void without_retry_after_the_smaller_openai_rate_limit_reset_is_the_wait() {
        assertThat(RateLimitHeaders.retryAfter(okhttp3.Headers.of("x-ratelimit-reset-requests", "1m30.5s",
                "x-ratelimit-reset-tokens", "644ms")::get)).isEqualTo(Duration.ofMillis(644));
        assertThat(RateLimitHeaders.goDuration("6m0s")).isEqualTo(Duration.ofMinutes(6));
        assertThat(RateLimitHeaders.goDuration("1h2m3s")).isEqualTo(Duration.ofSeconds(3723));
        assertThat(RateLimitHeaders.goDuration("later")).isNull();
    }
}
