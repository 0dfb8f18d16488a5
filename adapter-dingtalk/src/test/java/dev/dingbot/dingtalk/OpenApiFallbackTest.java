package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiFallbackTest {
    private final ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.plain().timeout(Duration.ofMillis(300)));

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void an_expired_webhook_in_a_group_is_not_called_and_the_group_send_carries_the_robot_code() throws Exception {
        var message = bed.message(ChatKind.GROUP, ReplyTestBed.route(bed.webhook("old"), bed.clock.millis() - 1));

        boolean sent = bed.channel(message).send(OutgoingMessage.markdown("**late answer**", List.of("staff001")));

        assertThat(sent).isTrue();
        assertThat(bed.api.requests(FakeDingTalkApi.WEBHOOK)).isEmpty();
        ApiRequest send = bed.api.requests(FakeDingTalkApi.GROUP_SEND).get(0);
        assertThat(send.header("x-acs-dingtalk-access-token")).isNotBlank();
        assertThat(send.json().path("robotCode").asText()).isEqualTo(ReplyTestBed.APP);
        assertThat(send.json().path("openConversationId").asText()).isEqualTo(ReplyTestBed.GROUP);
        assertThat(send.json().path("msgKey").asText()).isEqualTo("sampleMarkdown");
        JsonNode param = new ObjectMapper().readTree(send.json().path("msgParam").asText());
        assertThat(param.path("title").asText()).isEqualTo("Markdown Msg");
        assertThat(param.path("text").asText()).isEqualTo("**late answer**");
    }

    @Test
    void an_expired_webhook_in_a_private_chat_uses_batch_send_to_the_staff_id() {
        var message = bed.message(ChatKind.PRIVATE, ReplyTestBed.route(bed.webhook("old"), bed.clock.millis() - 1));

        assertThat(bed.channel(message).send(OutgoingMessage.text("hi", List.of()))).isTrue();

        ApiRequest send = bed.api.requests(FakeDingTalkApi.PRIVATE_SEND).get(0);
        assertThat(send.json().path("userIds").get(0).asText()).isEqualTo(ReplyTestBed.STAFF);
        assertThat(send.json().path("robotCode").asText()).isEqualTo(ReplyTestBed.APP);
        assertThat(send.json().path("msgKey").asText()).isEqualTo("sampleText");
        assertThat(bed.api.messages()).singleElement().extracting(ApiMessage::via, ApiMessage::text)
                .containsExactly(ApiMessage.Via.PRIVATE, "hi");
    }

    @Test
    void a_private_send_from_a_group_goes_to_the_senders_private_chat_and_not_to_the_group() {
        var channel = bed.channel(bed.group("s1"));

        assertThat(channel.sendPrivately(OutgoingMessage.markdown("**for your eyes**", List.of()))).isTrue();

        assertThat(bed.api.requests(FakeDingTalkApi.WEBHOOK)).isEmpty();
        assertThat(bed.api.requests(FakeDingTalkApi.GROUP_SEND)).isEmpty();
        ApiRequest send = bed.api.requests(FakeDingTalkApi.PRIVATE_SEND).get(0);
        assertThat(send.json().path("userIds").get(0).asText()).isEqualTo(ReplyTestBed.STAFF);
        assertThat(bed.api.messages()).singleElement().extracting(ApiMessage::via, ApiMessage::text)
                .containsExactly(ApiMessage.Via.PRIVATE, "**for your eyes**");
    }

    @Test
    void a_webhook_that_expires_while_the_answer_is_written_is_not_used() {
        var channel = bed.channel(bed.group("s1"));
        bed.clock.advance(Duration.ofMinutes(91));

        assertThat(channel.send(OutgoingMessage.text("slow answer", List.of()))).isTrue();

        assertThat(bed.api.requests(FakeDingTalkApi.WEBHOOK)).isEmpty();
        assertThat(bed.api.messages()).singleElement().extracting(ApiMessage::via).isEqualTo(ApiMessage.Via.GROUP);
    }

    @Test
    void many_concurrent_fallback_sends_share_one_token_fetch() throws Exception {
        bed.api.delay(FakeDingTalkApi.TOKEN, Duration.ofMillis(200));
        var message = bed.message(ChatKind.GROUP, ReplyTestBed.route(null, 0));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String text = "answer " + i;
                results.add(pool.submit(() -> bed.channel(message).send(OutgoingMessage.text(text, List.of()))));
            }
            for (var result : results) assertThat(result.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }

        assertThat(bed.api.requests(FakeDingTalkApi.TOKEN)).hasSize(1);
        assertThat(bed.api.messages()).hasSize(10);
    }

    @Test
    void a_revoked_token_is_renewed_once_and_the_send_goes_through() {
        var message = bed.message(ChatKind.GROUP, ReplyTestBed.route(null, 0));
        assertThat(bed.channel(message).send(OutgoingMessage.text("one", List.of()))).isTrue();
        bed.api.revokeTokens();

        assertThat(bed.channel(message).send(OutgoingMessage.text("two", List.of()))).isTrue();

        assertThat(bed.api.requests(FakeDingTalkApi.TOKEN)).hasSize(2);
        assertThat(bed.api.requests(FakeDingTalkApi.GROUP_SEND)).extracting(r -> r.header("x-acs-dingtalk-access-token"))
                .containsExactly("token-1", "token-1", "token-2");
        assertThat(bed.api.messages()).extracting(ApiMessage::text).containsExactly("one", "two");
    }

    @Test
    void errcode_300001_falls_back_to_openapi_and_later_pieces_skip_the_dead_webhook() {
        bed.api.expireSession("s1");
        var channel = bed.channel(bed.group("s1"));

        assertThat(channel.send(OutgoingMessage.text("one", List.of()))).isTrue();
        assertThat(channel.send(OutgoingMessage.text("two", List.of()))).isTrue();

        assertThat(bed.api.requests(FakeDingTalkApi.WEBHOOK)).hasSize(1);
        assertThat(bed.api.messages()).extracting(ApiMessage::via).containsOnly(ApiMessage.Via.GROUP);
        assertThat(bed.api.messages()).extracting(ApiMessage::text).containsExactly("one", "two");
    }

    @Test
    void a_webhook_on_a_foreign_host_is_refused_and_openapi_answers() throws Exception {
        try (MockWebServer attacker = new MockWebServer()) {
            attacker.start();
            String forged = attacker.url("/robot/sendBySession?session=s1").toString();
            var message = bed.message(ChatKind.GROUP, ReplyTestBed.route(forged, bed.clock.millis() + 60_000));

            assertThat(bed.channel(message).send(OutgoingMessage.text("secret answer", List.of()))).isTrue();

            assertThat(attacker.getRequestCount()).isZero();
            assertThat(bed.api.messages()).singleElement().extracting(ApiMessage::via).isEqualTo(ApiMessage.Via.GROUP);
        }
    }

    @Test
    void a_webhook_on_the_oapi_host_but_another_path_is_refused() {
        String forged = bed.base().newBuilder().encodedPath("/v1.0/anything").build().toString();
        var message = bed.message(ChatKind.GROUP, ReplyTestBed.route(forged, bed.clock.millis() + 60_000));

        assertThat(bed.channel(message).send(OutgoingMessage.text("hello", List.of()))).isTrue();

        assertThat(bed.api.requests("/v1.0/anything")).isEmpty();
        assertThat(bed.api.messages()).singleElement().extracting(ApiMessage::via).isEqualTo(ApiMessage.Via.GROUP);
    }

    @Test
    void a_long_chinese_markdown_answer_fits_the_group_send_limit_in_ordered_pieces() {
        var message = bed.message(ChatKind.GROUP, ReplyTestBed.route(null, 0));
        String answer = "钉钉机器人回答“引号”\n".repeat(800); // 9,600 chars, about 28 KB as JSON

        assertThat(bed.channel(message).send(OutgoingMessage.markdown(answer, List.of()))).isTrue();

        List<ApiMessage> pieces = bed.api.messages();
        assertThat(pieces).hasSizeGreaterThanOrEqualTo(2);
        assertThat(String.join("\n", pieces.stream().map(ApiMessage::text).toList())).isEqualTo(answer);
    }

    @Test
    void a_missing_webhook_is_answered_through_openapi() {
        var message = bed.message(ChatKind.GROUP, ReplyTestBed.route(null, 0));

        assertThat(bed.channel(message).send(OutgoingMessage.text("hello", List.of()))).isTrue();

        assertThat(bed.api.messages()).singleElement().extracting(ApiMessage::via).isEqualTo(ApiMessage.Via.GROUP);
    }

    @Test
    void a_webhook_slower_than_the_timeout_falls_back_to_openapi() {
        bed.api.delay(FakeDingTalkApi.WEBHOOK, Duration.ofSeconds(1));

        long started = System.nanoTime();
        boolean sent = bed.channel(bed.group("s1")).send(OutgoingMessage.text("hello", List.of()));

        assertThat(sent).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(bed.api.requests(FakeDingTalkApi.WEBHOOK)).hasSize(3); // first try and two retries
        assertThat(bed.api.requests(FakeDingTalkApi.GROUP_SEND)).hasSize(1);
    }

    @Test
    void an_outgoing_robot_message_signs_with_the_app_and_speaks_as_the_app_robot() {
        var route = new java.util.HashMap<>(ReplyTestBed.route(null, 0));
        route.put(RouteKeys.ROBOT_CODE, "normal");
        var message = bed.message(ChatKind.GROUP, Map.copyOf(route));

        assertThat(bed.channel(message).send(OutgoingMessage.text("hello", List.of()))).isTrue();

        assertThat(bed.api.requests(FakeDingTalkApi.GROUP_SEND).get(0).json().path("robotCode").asText())
                .isEqualTo(ReplyTestBed.APP);
    }

    @Test
    void without_credentials_for_the_app_the_fallback_fails_cleanly() {
        var unknown = new dev.dingbot.core.model.IncomingMessage("m1", "unknown-app", ChatKind.GROUP, ReplyTestBed.GROUP,
                "Ops", new dev.dingbot.core.model.Sender(ReplyTestBed.STAFF, "Alice", "s"),
                dev.dingbot.core.model.MessageType.TEXT, "q", List.of(), dev.dingbot.core.model.QuotedMessage.NONE,
                bed.clock.instant(),
                Map.of(RouteKeys.ROBOT_CODE, "unknown-app"));

        assertThat(bed.channel(unknown).send(OutgoingMessage.text("hello", List.of()))).isFalse();

        assertThat(bed.api.requests(FakeDingTalkApi.TOKEN)).isEmpty();
    }
}
