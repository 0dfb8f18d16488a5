package dev.dingbot.anthropic;

import dev.dingbot.core.testing.LogCapture;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.provider.KeyPoolSettings;
import dev.dingbot.core.provider.KeyProbe;
import dev.dingbot.core.testing.MutableClock;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnthropicKeysTest {

    @RegisterExtension
    final LogCapture logs = new LogCapture("dev.dingbot");

    private static final String ONE = "sk-ant-key-one-1111";
    private static final String TWO = "sk-ant-key-two-2222";
    private static final String THREE = "sk-ant-key-three-3333";

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final List<AnthropicProvider> providers = new ArrayList<>();


    @AfterEach
    void stop() {
        providers.forEach(AnthropicProvider::close);
        server.close();
    }

    private AnthropicProvider provider(String... keys) {
        AnthropicProvider provider = AnthropicProvider.create(AnthropicFixtures.settings(server).apiKeys(List.of(keys))
                .keyPool(KeyPoolSettings.builder().clock(clock).build()).build());
        providers.add(provider);
        return provider;
    }

    private static ChatResult ask(AnthropicProvider provider) {
        return provider.chatModel().complete(AnthropicFixtures.question("hi"));
    }

    private static ChatResult askStreamed(AnthropicProvider provider, List<String> shown) {
        return provider.chatModel().stream(AnthropicFixtures.question("hi"), new ChatListener() {
            @Override
            public void onText(String delta) {
                shown.add(delta);
            }
        });
    }

    @Test
    void a_refused_key_is_benched_and_the_same_question_answered_at_once_with_the_next_key_whole_and_streamed() {
        server.acceptKeys(TWO, THREE);
        AnthropicProvider provider = provider(ONE, TWO, THREE);
        List<String> shown = new ArrayList<>();

        ChatResult whole = ask(provider);
        ChatResult streamed = askStreamed(provider, shown);

        assertThat(whole.status()).isEqualTo(ChatStatus.OK);
        assertThat(whole.text()).isEqualTo("hello world");
        assertThat(streamed.status()).isEqualTo(ChatStatus.OK);
        assertThat(String.join("", shown)).isEqualTo("hello world");
        assertThat(server.keysUsed()).containsExactly(ONE, TWO, THREE);
    }

    @Test
    void a_key_whose_credit_balance_is_too_low_is_benched_and_the_question_answered_with_the_next_key() {
        server.outOfCreditKeys(ONE);
        AnthropicProvider provider = provider(ONE, TWO);

        ChatResult streamed = askStreamed(provider, new ArrayList<>());
        ChatResult whole = ask(provider);

        assertThat(streamed.status()).isEqualTo(ChatStatus.OK);
        assertThat(whole.status()).isEqualTo(ChatStatus.OK);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO, TWO);
    }

    @Test
    void a_402_refuses_the_key_too() {
        server.enqueueError(402, "billing_error", "payment required");
        AnthropicProvider provider = provider(ONE, TWO);

        assertThat(ask(provider).status()).isEqualTo(ChatStatus.OK);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO);
    }

    @Test
    void a_benched_key_is_not_used_until_its_bench_ends() {
        server.acceptKeys(TWO);
        AnthropicProvider provider = provider(ONE, TWO);
        ask(provider);
        server.acceptKeys(ONE, TWO);

        ask(provider);
        clock.advance(Duration.ofMinutes(10));
        ask(provider);

        assertThat(server.keysUsed()).containsExactly(ONE, TWO, TWO, ONE);
    }

    @Test
    void requests_are_spread_over_the_keys_in_turn() {
        AnthropicProvider provider = provider(ONE, TWO, THREE);

        for (int i = 0; i < 4; i++) ask(provider);

        assertThat(server.keysUsed()).containsExactly(ONE, TWO, THREE, ONE);
    }

    @Test
    void when_every_key_is_refused_the_question_fails_with_the_apis_status() {
        server.acceptKeys("sk-ant-other-9999");

        ChatResult result = ask(provider(ONE, TWO));

        assertThat(result.status()).isEqualTo(ChatStatus.AUTH_FAILED);
        assertThat(server.keysUsed()).containsExactly(ONE, TWO);
    }

    @Test
    void only_the_last_four_characters_of_a_refused_key_appear_in_the_log() {
        server.acceptKeys(TWO);

        ask(provider(ONE, TWO));

        assertThat(logs.warnings()).singleElement().asString().contains("Anthropic key …1111 refused").contains("AUTH_FAILED");
        assertThat(logs.lines()).noneMatch(line -> line.contains(ONE) || line.contains(TWO));
    }

    @Test
    void the_probe_reports_each_key_working_or_refused() {
        server.acceptKeys(TWO);

        List<KeyProbe> probes = provider(ONE, TWO).probeKeys();

        assertThat(probes).extracting(KeyProbe::key).containsExactly("…1111", "…2222");
        assertThat(probes).extracting(KeyProbe::verdict).containsExactly(KeyProbe.Verdict.REFUSED, KeyProbe.Verdict.WORKS);
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/models");
    }
}
