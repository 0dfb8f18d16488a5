package dev.dingbot.dingtalk;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.core.memory.InMemoryReplayGuard;
import dev.dingbot.dingtalk.DingTalkSettings.Credential;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.BotMessages.Quote;
import dev.dingbot.testkit.dingtalk.BotMessages.RichPart;
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
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTP callback mode through the public facade: signature, size, payload and outgoing-robot checks. */
class HttpCallbackTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final Credential FIRST = new Credential("ding-first", "client-secret-for-test");
    private static final Credential SECOND = new Credential("ding-second", "testAppSecret-ABC123");
    private static final int MAX_BYTES = 4096;

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private final AtomicLong timestamps = new AtomicLong(NOW);
    private final RecordingBot bot = new RecordingBot();
    private final DingTalkChannel channel = channel(Set.of());

    private DingTalkChannel channel(Set<String> allowOutgoingGroups) {
        return channel(List.of(FIRST, SECOND), allowOutgoingGroups, DingTalkSettings.CallbackTrust.APPS_ONLY);
    }

    private DingTalkChannel channel(List<Credential> apps, Set<String> allowOutgoingGroups,
                                    DingTalkSettings.CallbackTrust trust) {
        DingTalkSettings settings = DingTalkSettings.builder().credentials(apps).allowOutgoingGroups(allowOutgoingGroups)
                .maxCallbackBytes(MAX_BYTES).httpTimeout(Duration.ofSeconds(5)).sendRetries(0).callbackTrust(trust)
                .build();
        return new DingTalkChannel(settings, bot, CLOCK, new InMemoryReplayGuard(CLOCK, 100),
                http -> new RecordingReplyChannel.Log(), DingTalkChannel.Events.NONE);
    }

    /** A callback as the HTTP server passes it on: the headers first, the body only when they are accepted. */
    private static CallbackResponse post(DingTalkChannel channel, Map<String, String> headers, byte[] body) {
        CallbackCheck check = channel.checkCallback(headers);
        return check.refusal().orElseGet(() -> check.receive(body));
    }

    /** Signed by {@code app} with a timestamp of its own, a millisecond before the last one. */
    private Map<String, String> signedBy(Credential app) {
        return signedBy(app, timestamps.getAndDecrement());
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
        CallbackResponse response = post(channel, signedBy(SECOND, NOW - 5_000),
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
    void a_signed_reply_callback_reaches_the_bot_with_the_message_it_quotes() {
        CallbackResponse response = post(channel, signedBy(FIRST), bytes(BotMessages.group().msgId("msgHTTPq==")
                .text(" 再详细一点").replyingTo(Quote.richText(RichPart.text("上次的回答"), RichPart.picture("qPic")))
                .json()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(bot.messages()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("再详细一点");
            assertThat(m.quoted()).isEqualTo(new QuotedMessage(MessageType.RICH_TEXT, "上次的回答",
                    List.of(Attachment.picture("qPic"))));
        });
    }

    @Test
    void header_names_are_matched_whatever_their_case() {
        Map<String, String> headers = new HashMap<>();
        signedBy(FIRST).forEach((k, v) -> headers.put(k.substring(0, 1).toUpperCase() + k.substring(1), v));

        assertThat(post(channel, headers, bytes(BotMessages.group().json())).status()).isEqualTo(200);
        assertThat(bot.messages()).singleElement().satisfies(m -> assertThat(m.appId()).isEqualTo("ding-first"));
    }

    @Test
    void a_callback_signed_with_one_of_the_originals_app_secrets_is_accepted_without_any_credentials() {
        try (DingTalkChannel legacy = channel(List.of(), Set.of(),
                new DingTalkSettings.CallbackTrust(List.of("legacy-app-secret"), false))) {
            Map<String, String> signed = signedBy(new Credential("", "legacy-app-secret"));

            assertThat(post(legacy, signed, bytes(BotMessages.group().json())).status()).isEqualTo(200);
            assertThat(post(legacy, signedBy(FIRST), bytes(BotMessages.group().json())).status()).isEqualTo(401);
        }
        assertThat(bot.handled()).hasSize(1);
        assertThat(bot.handled().get(0).message().appId()).isEmpty();
    }

    @Test
    void unsigned_callbacks_are_taken_only_where_the_configuration_accepts_them_and_a_wrong_sign_never() {
        Map<String, String> unsigned = Map.of("Content-Type", "application/json");
        Map<String, String> forged = Map.of("timestamp", Long.toString(NOW), "sign", "forged=");
        try (DingTalkChannel open = channel(List.of(), Set.of(), new DingTalkSettings.CallbackTrust(List.of(), true))) {
            assertThat(post(open, unsigned, bytes(BotMessages.group().json())).status()).isEqualTo(200);
        }
        try (DingTalkChannel openWithApps = channel(List.of(FIRST), Set.of(),
                new DingTalkSettings.CallbackTrust(List.of(), true))) {
            assertThat(post(openWithApps, forged, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        }
        assertThat(post(channel, unsigned, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(bot.handled()).hasSize(1);
    }

    @Test
    void a_wrong_signature_is_refused_with_401_and_nothing_is_handled() {
        Map<String, String> headers = signedBy(FIRST);
        headers.put("sign", CallbackSignature.sign(Long.toString(NOW), "some-other-secret"));

        assertThat(post(channel, headers, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_missing_signature_or_timestamp_is_refused_with_401_and_nothing_is_handled() {
        Map<String, String> noSign = signedBy(FIRST);
        noSign.remove("sign");
        Map<String, String> noTimestamp = signedBy(FIRST);
        noTimestamp.remove("timestamp");

        assertThat(post(channel, noSign, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(post(channel, noTimestamp, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(post(channel, Map.of(), bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(post(channel, null, null).status()).isEqualTo(401);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_replayed_callback_older_than_the_window_is_refused_with_401() {
        Map<String, String> stale = signedBy(FIRST, NOW - Duration.ofHours(1).toMillis() - 1);

        assertThat(post(channel, stale, bytes(BotMessages.group().json())).status()).isEqualTo(401);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_timestamp_and_sign_seen_once_are_refused_with_401_when_posted_again_with_another_body() {
        Map<String, String> captured = signedBy(SECOND, NOW - 5_000);
        assertThat(post(channel, captured, bytes(BotMessages.group().msgId("first").text("hi").json())).status())
                .isEqualTo(200);

        String forged = BotMessages.group().msgId("forged").text("#查对话 username:bob").json();
        assertThat(post(channel, captured, bytes(forged)).status()).isEqualTo(401);
        assertThat(bot.messages()).extracting(m -> m.msgId()).containsExactly("first");
    }

    @Test
    void a_callback_refused_on_its_headers_never_needs_its_body() {
        assertThat(channel.checkCallback(Map.of("timestamp", Long.toString(NOW), "sign", "forged=")).refusal())
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(401));
        assertThat(channel.checkCallback(signedBy(FIRST)).refusal()).isEmpty();
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413() {
        String huge = BotMessages.group().text("x".repeat(MAX_BYTES)).json();

        assertThat(post(channel, signedBy(FIRST), bytes(huge)).status()).isEqualTo(413);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void a_signed_body_that_is_no_bot_message_is_refused_with_400() {
        for (String body : List.of("{not json", "", "[]", BotMessages.group().without("msgId").json())) {
            assertThat(post(channel, signedBy(FIRST), bytes(body)).status()).as(body).isEqualTo(400);
        }
        assertThat(post(channel, signedBy(FIRST), null).status()).isEqualTo(400);
        assertThat(bot.handled()).isEmpty();
    }

    @Test
    void an_outgoing_robot_from_a_group_not_allowed_is_refused_with_403_and_one_allowed_is_accepted() {
        try (DingTalkChannel restricted = channel(Set.of("cidAllowed=="))) {
            String outsider = BotMessages.group().outgoingRobot().conversation("cidOther==", "Other").json();
            String allowed = BotMessages.group().outgoingRobot().conversation("cidAllowed==", "Ops").msgId("ok").json();
            String appRobot = BotMessages.group().conversation("cidOther==", "Other").msgId("app").json();

            assertThat(post(restricted, signedBy(FIRST), bytes(outsider)).status()).isEqualTo(403);
            assertThat(post(restricted, signedBy(FIRST), bytes(allowed)).status()).isEqualTo(200);
            assertThat(post(restricted, signedBy(FIRST), bytes(appRobot)).status()).isEqualTo(200);
            assertThat(bot.messages()).extracting(m -> m.msgId()).containsExactly("ok", "app");
        }
    }

    @Test
    void without_an_allow_list_outgoing_robots_are_accepted_from_any_group() {
        String outgoing = BotMessages.group().outgoingRobot().conversation("cidAny==", "Any").json();

        assertThat(post(channel, signedBy(FIRST), bytes(outgoing)).status()).isEqualTo(200);
        assertThat(bot.handled()).hasSize(1);
    }

    @Test
    void a_message_that_cannot_be_handed_over_answers_500_without_a_stack_trace() {
        DingTalkSettings settings = DingTalkSettings.defaults(List.of(FIRST));
        try (DingTalkChannel failing = new DingTalkChannel(settings, bot, CLOCK, new InMemoryReplayGuard(CLOCK, 100),
                http -> m -> { throw new IllegalStateException("no route"); }, DingTalkChannel.Events.NONE)) {
            CallbackResponse response = post(failing, signedBy(FIRST), bytes(BotMessages.group().json()));

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
            public int inFlight() {
                return 0;
            }

            @Override
            public boolean shutdown(Duration grace) {
                return true;
            }
        };
        try (DingTalkChannel full = new DingTalkChannel(DingTalkSettings.defaults(List.of(FIRST)), diskFull,
                CLOCK, new InMemoryReplayGuard(CLOCK, 100), http -> new RecordingReplyChannel.Log(),
                DingTalkChannel.Events.NONE)) {
            CallbackResponse response = post(full, signedBy(FIRST), bytes(BotMessages.group().json()));

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("the message could not be saved; try again later");
        }
    }
}
