package dev.dingbot.openai;

import dev.dingbot.core.testing.LogCapture;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.provider.KeyPoolSettings;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.core.testing.MutableClock;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import dev.dingbot.testkit.openai.OpenAiJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeveralKeysTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture("dev.dingbot");

    private static final String ONE = "sk-test-key-one-1111";
    private static final String TWO = "sk-test-key-two-2222";
    private static final String THREE = "sk-test-key-three-3333";

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final List<OpenAiProvider> providers = new ArrayList<>();


    @AfterEach
    void stop() {
        providers.forEach(OpenAiProvider::close);
        server.close();
    }

    private OpenAiProvider provider(String... keys) {
        OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server).toBuilder().apiKeys(List.of(keys))
                .keyPool(KeyPoolSettings.builder().clock(clock).build()).build());
        providers.add(provider);
        return provider;
    }

    private static ChatResult ask(OpenAiProvider provider) {
        return provider.chatModel().complete(Fixtures.question("hi"));
    }

    @Test
    void a_refused_key_is_benched_and_the_same_question_answered_at_once_with_the_next_key() {
        server.acceptKeys(TWO, THREE);
        OpenAiProvider provider = provider(ONE, TWO, THREE);

        ChatResult first = ask(provider);
        ChatResult second = ask(provider);

        assertThat(first.status()).isEqualTo(ChatStatus.OK);
        assertThat(first.text()).isEqualTo("hello world");
        assertThat(second.status()).isEqualTo(ChatStatus.OK);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO, THREE);
    }

    @Test
    void a_refused_key_is_benched_and_a_streamed_question_answered_with_the_next_key() {
        server.acceptKeys(TWO);
        List<String> shown = new ArrayList<>();

        ChatResult result = provider(ONE, TWO).chatModel().stream(Fixtures.question("hi"), new ChatListener() {
            @Override
            public void onText(String delta) {
                shown.add(delta);
            }
        });

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(String.join("", shown)).isEqualTo("hello world");
        assertThat(server.keysUsed()).containsExactly(ONE, TWO);
    }

    @Test
    void a_key_out_of_quota_is_benched_and_the_question_answered_with_the_next_key_whole_and_streamed() {
        server.outOfQuotaKeys(ONE);
        OpenAiProvider provider = provider(ONE, TWO);

        ChatResult whole = ask(provider);
        ChatResult streamed = provider.chatModel().stream(Fixtures.question("hi"), ChatListener.IGNORE);

        assertThat(whole.status()).isEqualTo(ChatStatus.OK);
        assertThat(streamed.status()).isEqualTo(ChatStatus.OK);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO, TWO);
    }

    @Test
    void an_image_is_generated_with_the_next_key_when_the_first_is_out_of_quota() {
        server.outOfQuotaKeys(ONE);

        ImageResult result = provider(ONE, TWO).imageModel().generate("a cat", "user-42");

        assertThat(result).isInstanceOf(ImageResult.Generated.class);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO);
    }

    @Test
    void a_benched_key_is_not_used_until_its_bench_ends() {
        server.acceptKeys(TWO);
        OpenAiProvider provider = provider(ONE, TWO);
        ask(provider);
        server.acceptKeys(ONE, TWO);

        ask(provider);
        ask(provider);
        clock.advance(Duration.ofMinutes(10));
        ask(provider);
        ask(provider);

        assertThat(server.keysUsed()).containsExactly(ONE, TWO, TWO, TWO, ONE, TWO);
    }

    @Test
    void requests_are_spread_over_the_keys_in_turn() {
        OpenAiProvider provider = provider(ONE, TWO, THREE);

        for (int i = 0; i < 6; i++) ask(provider);

        assertThat(server.keysUsed()).containsExactly(ONE, TWO, THREE, ONE, TWO, THREE);
    }

    @Test
    void when_every_key_is_refused_the_question_fails_with_the_providers_status_after_one_send_per_key() {
        server.acceptKeys("sk-some-other-key-9999");

        ChatResult result = ask(provider(ONE, TWO));

        assertThat(result.status()).isEqualTo(ChatStatus.AUTH_FAILED);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO);
    }

    @Test
    void a_resend_with_the_next_key_does_not_use_up_the_retries() {
        server.acceptKeys(TWO).enqueueJson(503,
                OpenAiJson.error("Our servers are currently overloaded.", "service_unavailable_error", "server_is_overloaded"));
        OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server).toBuilder()
                .apiKeys(List.of(ONE, TWO)).retry(new Retry(1, Duration.ofMillis(1),
                        Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(5))).build());
        providers.add(provider);

        ChatResult result = ask(provider);

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO, TWO);
    }

    @Test
    void only_the_last_four_characters_of_a_refused_key_appear_in_the_log() {
        server.acceptKeys(TWO);

        ask(provider(ONE, TWO));

        List<String> lines = logs.lines();
        assertThat(logs.warnings()).singleElement().asString().contains("OpenAI key …1111 refused").contains("AUTH_FAILED");
        assertThat(lines).noneMatch(line -> line.contains(ONE) || line.contains(TWO));
    }

    @Test
    void the_probe_reports_each_key_working_or_refused() {
        server.acceptKeys(ONE, THREE);

        List<KeyProbe> probes = provider(ONE, TWO, THREE).probeKeys();

        assertThat(probes).extracting(KeyProbe::key).containsExactly("…1111", "…2222", "…3333");
        assertThat(probes).extracting(KeyProbe::verdict).containsExactly(KeyProbe.Verdict.WORKS,
                KeyProbe.Verdict.REFUSED, KeyProbe.Verdict.WORKS);
        assertThat(probes.get(1).detail()).contains("AUTH_FAILED").doesNotContain(TWO);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO, THREE);
    }

    @Test
    void settings_with_several_keys_print_none_of_them_and_the_first_is_the_api_key() {
        OpenAiSettings settings = Fixtures.settings(server).toBuilder().apiKeys(List.of(ONE, TWO)).build();

        assertThat(settings.apiKey()).isEqualTo(ONE);
        assertThat(settings.toString()).doesNotContain(ONE, TWO).contains("apiKeys=2 × ***");
    }
}
