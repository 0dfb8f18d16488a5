package dev.dingbot.dingtalk;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.dingtalk.DingTalkSettings.Credential;
import dev.dingbot.testkit.dingtalk.BotMessages;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP callback mode through the public facade: signature, size, payload and outgoing-robot checks. */
class HttpCallbackTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final Credential FIRST = new Credential("ding-first", "client-secret-for-test");
    private static final Credential SECOND = new Credential("ding-second", "testAppSecret-ABC123");
    private static final int MAX_BYTES = 4096;

    private final RecordingBot bot = new RecordingBot();
    private final DingTalkChannel channel = channel(Set.of());

    private DingTalkChannel channel(Set<String> allowOutgoingGroups) {
        DingTalkSettings settings = new DingTalkSettings(List.of(FIRST, SECOND), null, null, false, null,
                Duration.ofMillis(500), allowOutgoingGroups, MAX_BYTES, Duration.ofHours(1), Duration.ofSeconds(5), 0);
        return new DingTalkChannel(settings, bot, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC),
                new OkHttpClient(), new RecordingReplyChannel.Log(), () -> { }, DingTalkChannel.Events.NONE);
    }

    @AfterEach
    void close() {
        channel.close();
        bot.close();
    }

    private static Map<String, String> signedBy(Credential app, long timestamp) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("timestamp", Long.toString(timestamp));
        headers.put("sign", CallbackSignature.sign(Long.toString(timestamp), app.clientSecret()));
        return headers;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void a_correctly_signed_callback_is_accepted_at_once_and_handed_to_the_bot_as_the_signing_app() {
        CallbackResponse response = channel.handleCallback(signedBy(SECOND, NOW - 5_000),
                bytes(BotMessages.group().msgId("msgHTTP1==").text(" hi").json()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(bot.messages()).singleElement().satisfies(m -> {
            assertThat(m.msgId()).isEqualTo("msgHTTP1==");
            assertThat(m.appId()).isEqualTo("ding-second");
            assertThat(m.text()).isEqualTo("hi");
        });
    }

    @Test
    void header_names_are_matched_whatever_their_case() {
        Map<String, String> headers = new HashMap<>();
        signedBy(FIRST, NOW).forEach((k, v) -> headers.put(k.substring(0, 1).toUpperCase() + k.substring(1), v));

        assertThat(channel.handleCallback(headers, bytes(BotMessages.group().json())).status()).isEqualTo(200);
        assertThat(bot.messages()).singleElement().satisfies(m -> assertThat(m.appId()).isEqualTo("ding-first"));
    }

    @Test
    void a_wrong_signature_is_refused_with_401_and_nothing_is_handled() {
        Map<String, String> headers = signedBy(FIRST, NOW);
        headers.put("sign", CallbackSignature.sign(Long.toString(NOW), "some-other-secret"));

        assertThat(channel.handleCallback(headers, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_missing_signature_or_timestamp_is_refused_with_401_and_nothing_is_handled() {
        Map<String, String> noSign = signedBy(FIRST, NOW);
        noSign.remove("sign");
        Map<String, String> noTimestamp = signedBy(FIRST, NOW);
        noTimestamp.remove("timestamp");

        assertThat(channel.handleCallback(noSign, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(channel.handleCallback(noTimestamp, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(channel.handleCallback(Map.of(), bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(channel.handleCallback(null, null).status()).isEqualTo(401);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_replayed_callback_older_than_the_window_is_refused_with_401() {
        Map<String, String> stale = signedBy(FIRST, NOW - Duration.ofHours(1).toMillis() - 1);

        assertThat(channel.handleCallback(stale, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413() {
        String huge = BotMessages.group().text("x".repeat(MAX_BYTES)).json();

        assertThat(channel.handleCallback(signedBy(FIRST, NOW), bytes(huge)).status()).isEqualTo(413);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_signed_body_that_is_no_bot_message_is_refused_with_400() {
        for (String body : List.of("{not json", "", "[]", BotMessages.group().without("msgId").json())) {
            assertThat(channel.handleCallback(signedBy(FIRST, NOW), bytes(body)).status()).as(body).isEqualTo(400);
        }
        assertThat(channel.handleCallback(signedBy(FIRST, NOW), null).status()).isEqualTo(400);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void an_outgoing_robot_from_a_group_not_allowed_is_refused_with_403_and_one_allowed_is_accepted() {
        try (DingTalkChannel restricted = channel(Set.of("cidAllowed=="))) {
            String outsider = BotMessages.group().outgoingRobot().conversation("cidOther==", "Other").json();
            String allowed = BotMessages.group().outgoingRobot().conversation("cidAllowed==", "Ops").msgId("ok").json();
            String appRobot = BotMessages.group().conversation("cidOther==", "Other").msgId("app").json();

            assertThat(restricted.handleCallback(signedBy(FIRST, NOW), bytes(outsider)).status()).isEqualTo(403);
            assertThat(restricted.handleCallback(signedBy(FIRST, NOW), bytes(allowed)).status()).isEqualTo(200);
            assertThat(restricted.handleCallback(signedBy(FIRST, NOW), bytes(appRobot)).status()).isEqualTo(200);
            assertThat(bot.messages()).extracting(m -> m.msgId()).containsExactly("ok", "app");
        }
    }

    @Test
    void without_an_allow_list_outgoing_robots_are_accepted_from_any_group() {
        String outgoing = BotMessages.group().outgoingRobot().conversation("cidAny==", "Any").json();

        assertThat(channel.handleCallback(signedBy(FIRST, NOW), bytes(outgoing)).status()).isEqualTo(200);
        assertThat(bot.handled()).hasSize(1);
    }

    @Test
    void a_message_that_cannot_be_handed_over_answers_500_without_a_stack_trace() {
        DingTalkSettings settings = DingTalkSettings.defaults(List.of(FIRST));
        try (DingTalkChannel failing = new DingTalkChannel(settings, bot,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), new OkHttpClient(),
                m -> { throw new IllegalStateException("no route"); }, () -> { }, DingTalkChannel.Events.NONE)) {
            CallbackResponse response = failing.handleCallback(signedBy(FIRST, NOW), bytes(BotMessages.group().json()));

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("no route");
            assertThat(bot.handled()).isEmpty();
        }
    }

    @Test
    void a_message_the_bot_could_not_save_answers_503_so_dingtalk_may_deliver_it_again() {
        ChatBot diskFull = new ChatBot() {
            @Override
            public Admission handle(IncomingMessage message, ReplyChannel replies) {
                return Admission.NOT_SAVED;
            }

            @Override
            public int replayPending(Function<IncomingMessage, ReplyChannel> channels) {
                return 0;
            }

            @Override
            public boolean shutdown(Duration grace) {
                return true;
            }
        };
        try (DingTalkChannel full = new DingTalkChannel(DingTalkSettings.defaults(List.of(FIRST)), diskFull,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), new OkHttpClient(),
                new RecordingReplyChannel.Log(), () -> { }, DingTalkChannel.Events.NONE)) {
            CallbackResponse response = full.handleCallback(signedBy(FIRST, NOW), bytes(BotMessages.group().json()));

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("the message could not be saved; try again later");
        }
    }
}
