package dev.dingbot.dingtalk;

import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTest {
    private final ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.plain());
    private final OpenApiHttp http = new OpenApiHttp(new OkHttpClient(), 0, Duration.ofMillis(10));

    @AfterEach
    void stop() {
        bed.close();
    }

    private AccessTokens tokens(AccessTokens.Source source) {
        return new AccessTokens(bed.settings.credentials(), source, bed.clock, Duration.ofMinutes(5));
    }

    @Test
    void a_token_is_fetched_once_for_many_concurrent_callers() throws Exception {
        bed.api.delay(FakeDingTalkApi.TOKEN, Duration.ofMillis(200));
        AccessTokens tokens = tokens(AccessTokens.newApi(http, bed.settings.apiHost()));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<String>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return tokens.token(ReplyTestBed.APP);
                }));
            }
            start.countDown();
            for (Future<Optional<String>> result : results) assertThat(result.get()).contains("token-1");
        } finally {
            pool.shutdownNow();
        }
        assertThat(bed.api.requests(FakeDingTalkApi.TOKEN)).singleElement()
                .satisfies(r -> assertThat(r.json().path("appKey").asText()).isEqualTo(ReplyTestBed.APP));
    }

    @Test
    void a_token_is_reused_until_five_minutes_before_expiry_then_refreshed() {
        AccessTokens tokens = tokens(AccessTokens.newApi(http, bed.settings.apiHost()));

        assertThat(tokens.token(ReplyTestBed.APP)).contains("token-1");
        bed.clock.advance(Duration.ofSeconds(7200 - 301));
        assertThat(tokens.token(ReplyTestBed.APP)).contains("token-1");
        bed.clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.token(ReplyTestBed.APP)).contains("token-2");

        assertThat(bed.api.requests(FakeDingTalkApi.TOKEN)).hasSize(2);
    }

    @Test
    void the_legacy_token_comes_from_gettoken_with_the_app_key_and_secret() {
        AccessTokens legacy = tokens(AccessTokens.legacy(http, bed.settings.oapiHost()));

        assertThat(legacy.token(ReplyTestBed.APP)).hasValueSatisfying(t -> assertThat(t).startsWith("legacy-token-"));

        var request = bed.api.requests(FakeDingTalkApi.LEGACY_TOKEN).get(0);
        assertThat(request.queryParameter("appkey")).isEqualTo(ReplyTestBed.APP);
        assertThat(request.queryParameter("appsecret")).isEqualTo(ReplyTestBed.SECRET);
    }

    @Test
    void a_refused_fetch_is_empty_and_an_unknown_app_asks_nothing() {
        AccessTokens wrongSecret = new AccessTokens(List.of(new DingTalkSettings.Credential(ReplyTestBed.APP, "wrong")),
                AccessTokens.newApi(http, bed.settings.apiHost()), bed.clock, Duration.ofMinutes(5));

        assertThat(wrongSecret.token(ReplyTestBed.APP)).isEmpty();
        assertThat(wrongSecret.token("not-configured")).isEmpty();
        assertThat(bed.api.requests(FakeDingTalkApi.TOKEN)).hasSize(1);
    }

    @Test
    void a_token_never_shows_in_its_string_form() {
        assertThat(new AccessTokens.Token("very-secret", Duration.ofHours(2)).toString()).doesNotContain("very-secret");
        assertThat(new DingTalkSettings.Credential("id", "app-secret").toString()).doesNotContain("app-secret");
    }
}
