package dev.dingbot.core.provider;

import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatResult;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.ChatListener;
import dev.dingbot.core.model.Usage;
import dev.dingbot.core.provider.FailoverChatModel.BreakerState;
import dev.dingbot.core.provider.FailoverChatModel.Provider;
import dev.dingbot.core.settings.FailoverSettings;
import dev.dingbot.core.testing.FakeChatModel;
import dev.dingbot.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailoverChatModelTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final List<String> heard = new ArrayList<>();
    private final FailoverChatModel.Listener listener = new FailoverChatModel.Listener() {
        @Override
        public void breakerChanged(String provider, BreakerState state) {
            heard.add(provider + " " + state);
        }

        @Override
        public void failedOver(String fromProvider, String toProvider, ChatStatus status) {
            heard.add(fromProvider + " -> " + toProvider + " " + status);
        }
    };
    private final FakeChatModel first = new FakeChatModel().serving("gpt-4o", "gpt-4o-mini");
    private final FakeChatModel second = new FakeChatModel().serving("claude-sonnet", "gpt-4o-mini");

    private FailoverChatModel chain(FakeChatModel... models) {
        List<Provider> providers = new ArrayList<>();
        for (int i = 0; i < models.length; i++) providers.add(new Provider("p" + (i + 1), models[i]));
        return new FailoverChatModel(providers,
                FailoverSettings.builder().failuresToOpen(3).coolDown(Duration.ofSeconds(30)).build(), clock, listener);
    }

    private static ChatRequest question(String model) {
        return new ChatRequest(List.of(ChatTurn.user("hello?")), "u1", 100, List.of(), model);
    }

    @ParameterizedTest
    @EnumSource(value = ChatStatus.class, names = {"SERVER_ERROR", "RATE_LIMITED", "QUOTA_EXHAUSTED", "NETWORK",
            "TIMEOUT", "AUTH_FAILED", "MODEL_NOT_FOUND"})
    void a_failure_another_provider_may_not_have_goes_to_the_next_provider(ChatStatus status) {
        first.thenReturn(ChatResult.failed(status, "down"));

        ChatResult result = chain(first, second).complete(question(""));

        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(result.provider()).isEqualTo("p2");
        assertThat(second.requests()).hasSize(1);
        assertThat(heard).containsExactly("p1 -> p2 " + status);
    }

    @ParameterizedTest
    @EnumSource(value = ChatStatus.class, names = {"CONTENT_FILTERED", "CONTEXT_TOO_LONG", "BAD_REQUEST", "TRUNCATED",
            "OK"})
    void what_the_question_itself_caused_comes_back_without_asking_another_provider(ChatStatus status) {
        first.thenReturn(new ChatResult(status, "", "", Optional.empty(), "as is"));

        ChatResult result = chain(first, second).complete(question(""));

        assertThat(result.status()).isEqualTo(status);
        assertThat(result.provider()).isEqualTo("p1");
        assertThat(second.requests()).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void a_request_naming_a_model_goes_to_the_first_provider_that_lists_it() {
        ChatResult result = chain(first, second).complete(question("claude-sonnet"));

        assertThat(first.requests()).isEmpty();
        assertThat(second.lastRequest().model()).isEqualTo("claude-sonnet");
        assertThat(result.provider()).isEqualTo("p2");
        assertThat(result.model()).isEqualTo("claude-sonnet");
        assertThat(result.usage()).map(Usage::model).contains("claude-sonnet");
        assertThat(result.usage()).map(Usage::provider).contains("p2");
    }

    @Test
    void the_next_provider_is_asked_for_the_same_model_when_it_lists_it() {
        first.failingWith(ChatStatus.SERVER_ERROR, "down");

        ChatResult result = chain(first, second).complete(question("gpt-4o-mini"));

        assertThat(first.lastRequest().model()).isEqualTo("gpt-4o-mini");
        assertThat(second.lastRequest().model()).isEqualTo("gpt-4o-mini");
        assertThat(result.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void the_next_provider_is_asked_for_its_own_default_when_it_does_not_list_the_model() {
        first.failingWith(ChatStatus.SERVER_ERROR, "down");

        ChatResult result = chain(first, second).complete(question("gpt-4o"));

        assertThat(second.lastRequest().model()).isEqualTo("claude-sonnet");
        assertThat(result.provider()).isEqualTo("p2");
        assertThat(result.model()).isEqualTo("claude-sonnet");
    }

    @Test
    void a_chain_given_a_default_model_asks_the_provider_listing_it_when_a_request_names_none() {
        FailoverChatModel chain = new FailoverChatModel(List.of(new Provider("p1", first), new Provider("p2", second)),
                "claude-sonnet", FailoverSettings.defaults(), clock, listener);

        ChatResult result = chain.complete(question(""));

        assertThat(result.provider()).isEqualTo("p2");
        assertThat(second.lastRequest().model()).isEqualTo("claude-sonnet");
        assertThat(chain.modelName()).isEqualTo("claude-sonnet");
        assertThat(chain.models()).containsExactly("claude-sonnet", "gpt-4o", "gpt-4o-mini");
    }

    @Test
    void a_default_model_no_provider_lists_is_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new FailoverChatModel(List.of(new Provider("p1", first)),
                "gpt-5", FailoverSettings.defaults(), clock, listener)).hasMessageContaining("gpt-5");
    }

    @Test
    void an_open_model_is_the_first_providers_default_and_the_chain_names_every_model_once() {
        FailoverChatModel chain = chain(first, second);

        ChatResult result = chain.complete(question(""));

        assertThat(first.lastRequest().model()).isEqualTo("gpt-4o");
        assertThat(result.model()).isEqualTo("gpt-4o");
        assertThat(chain.modelName()).isEqualTo("gpt-4o");
        assertThat(chain.models()).containsExactly("gpt-4o", "gpt-4o-mini", "claude-sonnet");
        assertThat(chain.countTokens(List.of(ChatTurn.user("abc")))).isEqualTo(first.countTokens(List.of(ChatTurn.user("abc"))));
    }

    @Test
    void when_every_provider_fails_the_last_failure_comes_back_naming_its_provider() {
        first.failingWith(ChatStatus.RATE_LIMITED, "slow down");
        second.failingWith(ChatStatus.SERVER_ERROR, "down");

        ChatResult result = chain(first, second).complete(question(""));

        assertThat(result.status()).isEqualTo(ChatStatus.SERVER_ERROR);
        assertThat(result.provider()).isEqualTo("p2");
    }

    @Test
    void a_stream_that_failed_before_any_text_goes_to_the_next_provider() {
        first.thenReturn(new ChatResult(ChatStatus.SERVER_ERROR, "", "thinking…", Optional.empty(), "down"));
        List<String> shown = new ArrayList<>();

        ChatResult result = chain(first, second).stream(question(""), shown::add);

        assertThat(result.provider()).isEqualTo("p2");
        assertThat(String.join("", shown)).isEqualTo("answer to: hello?");
    }

    @Test
    void reasoning_alone_does_not_keep_a_stream_from_going_to_the_next_provider() {
        first.thenReturn(new ChatResult(ChatStatus.TIMEOUT, "", "let me think", Optional.empty(), "stalled"));
        List<String> reasoning = new ArrayList<>();
        List<String> shown = new ArrayList<>();

        ChatResult result = chain(first, second).stream(question(""), new ChatListener() {
            @Override
            public void onText(String delta) {
                shown.add(delta);
            }

            @Override
            public void onReasoning(String delta) {
                reasoning.add(delta);
            }
        });

        assertThat(reasoning).containsExactly("let me think");
        assertThat(result.provider()).isEqualTo("p2");
        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(String.join("", shown)).isEqualTo("answer to: hello?");
    }

    @Test
    void a_stream_whose_text_reached_the_listener_is_never_asked_again() {
        first.thenReturn(new ChatResult(ChatStatus.INTERRUPTED, "half an", "", Optional.empty(), "reset"));
        FakeChatModel cutWithAServerError = new FakeChatModel();
        cutWithAServerError.thenReturn(new ChatResult(ChatStatus.SERVER_ERROR, "half", "", Optional.empty(), "error event"));
        List<String> shown = new ArrayList<>();

        ChatResult interrupted = chain(first, second).stream(question(""), shown::add);
        ChatResult failed = chain(cutWithAServerError, second).stream(question(""), shown::add);

        assertThat(interrupted.status()).isEqualTo(ChatStatus.INTERRUPTED);
        assertThat(interrupted.text()).isEqualTo("half an");
        assertThat(failed.status()).isEqualTo(ChatStatus.SERVER_ERROR);
        assertThat(failed.provider()).isEqualTo("p1");
        assertThat(second.requests()).isEmpty();
    }

    @Test
    void a_provider_that_failed_three_times_in_a_row_is_left_out_until_its_cool_down_ends() {
        first.failingWith(ChatStatus.SERVER_ERROR, "down");
        FailoverChatModel chain = chain(first, second);
        for (int i = 0; i < 3; i++) chain.complete(question(""));
        assertThat(chain.breakerState("p1")).isEqualTo(BreakerState.OPEN);

        clock.advance(Duration.ofSeconds(29));
        ChatResult whileOpen = chain.complete(question(""));

        assertThat(first.requests()).hasSize(3);
        assertThat(whileOpen.provider()).isEqualTo("p2");
        assertThat(heard).containsOnlyOnce("p1 OPEN");
    }

    @Test
    void failures_not_in_a_row_do_not_open_the_breaker() {
        first.thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "down"))
                .thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "down"))
                .thenReturn(ChatResult.ok("fine", null))
                .thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "down"));
        FailoverChatModel chain = chain(first, second);

        for (int i = 0; i < 4; i++) chain.complete(question(""));

        assertThat(chain.breakerState("p1")).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void after_the_cool_down_one_request_tries_the_provider_again_and_its_success_closes_the_breaker() {
        first.failingWith(ChatStatus.SERVER_ERROR, "down");
        FailoverChatModel chain = chain(first, second);
        for (int i = 0; i < 3; i++) chain.complete(question(""));
        first.recovered();
        clock.advance(Duration.ofSeconds(30));

        ChatResult probe = chain.complete(question(""));

        assertThat(probe.provider()).isEqualTo("p1");
        assertThat(chain.breakerState("p1")).isEqualTo(BreakerState.CLOSED);
        assertThat(heard).filteredOn(h -> h.startsWith("p1 ") && !h.contains("->"))
                .containsExactly("p1 OPEN", "p1 HALF_OPEN", "p1 CLOSED");
    }

    @Test
    void a_failed_probe_reopens_the_breaker_for_another_cool_down() {
        first.failingWith(ChatStatus.SERVER_ERROR, "down");
        FailoverChatModel chain = chain(first, second);
        for (int i = 0; i < 3; i++) chain.complete(question(""));
        clock.advance(Duration.ofSeconds(30));

        chain.complete(question(""));
        clock.advance(Duration.ofSeconds(29));
        chain.complete(question(""));

        assertThat(first.requests()).hasSize(4);
        assertThat(chain.breakerState("p1")).isEqualTo(BreakerState.OPEN);
        assertThat(heard).filteredOn(h -> !h.contains("->")).containsExactly("p1 OPEN", "p1 HALF_OPEN", "p1 OPEN");
    }

    @Test
    void while_a_probe_is_out_the_breaker_admits_no_other_request() {
        ProviderBreaker breaker = new ProviderBreaker(1, Duration.ofSeconds(30), clock, state -> heard.add("b " + state));
        breaker.failed();
        clock.advance(Duration.ofSeconds(30));

        assertThat(breaker.admits()).isTrue();
        assertThat(breaker.admits()).isFalse();
        breaker.succeeded();
        assertThat(breaker.admits()).isTrue();
        assertThat(heard).containsExactly("b OPEN", "b HALF_OPEN", "b CLOSED");
    }

    @Test
    void when_every_provider_is_left_out_they_are_still_tried_in_order() {
        first.failingWith(ChatStatus.SERVER_ERROR, "down");
        second.failingWith(ChatStatus.SERVER_ERROR, "down");
        FailoverChatModel chain = chain(first, second);
        for (int i = 0; i < 3; i++) chain.complete(question(""));
        assertThat(chain.breakerState("p2")).isEqualTo(BreakerState.OPEN);
        second.recovered();

        ChatResult result = chain.complete(question(""));

        assertThat(result.provider()).isEqualTo("p2");
        assertThat(result.status()).isEqualTo(ChatStatus.OK);
        assertThat(first.requests()).hasSize(4);
        assertThat(chain.breakerState("p2")).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void an_async_stream_holds_no_thread_and_fails_over_when_its_provider_ends_failed() {
        first.holdingStreams().thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "down"));
        second.holdingStreams();
        StringBuilder shown = new StringBuilder();

        CompletableFuture<ChatResult> answer = chain(first, second).streamAsync(question(""), shown::append);

        assertThat(answer).isNotDone();
        assertThat(first.releaseHeldStreams()).isOne();
        assertThat(answer).isNotDone();
        assertThat(second.heldStreams()).isOne();
        assertThat(second.releaseHeldStreams()).isOne();
        assertThat(answer).isDone();
        assertThat(answer.join().provider()).isEqualTo("p2");
        assertThat(shown).isNotEmpty();
        assertThat(heard).containsExactly("p1 -> p2 " + ChatStatus.SERVER_ERROR);
    }

    @Test
    void an_async_stream_that_showed_text_before_failing_is_not_asked_again() {
        first.holdingStreams().thenReturn(new ChatResult(ChatStatus.SERVER_ERROR, "half an answ", "", Optional.empty(),
                "cut off"));
        second.holdingStreams();

        CompletableFuture<ChatResult> answer = chain(first, second).streamAsync(question(""), delta -> { });
        first.releaseHeldStreams();

        assertThat(answer.join().status()).isEqualTo(ChatStatus.SERVER_ERROR);
        assertThat(second.heldStreams()).isZero();
    }

    @Test
    void a_model_exception_reaches_a_synchronous_caller_as_it_was_thrown() {
        FakeChatModel throwing = new FakeChatModel().answering(request -> {
            throw new IllegalStateException("broken model");
        });
        first.thenReturn(ChatResult.failed(ChatStatus.SERVER_ERROR, "down"));

        assertThatThrownBy(() -> chain(first, throwing).complete(question("")))
                .isExactlyInstanceOf(IllegalStateException.class).hasMessage("broken model");
    }
}
