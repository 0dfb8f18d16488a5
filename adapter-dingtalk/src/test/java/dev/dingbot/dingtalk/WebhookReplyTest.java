package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.model.OutgoingMessage;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookReplyTest {
    private final ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.plain());

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void a_markdown_reply_in_a_group_carries_the_at_user_ids_in_the_original_body() throws Exception {
        ReplyChannel channel = bed.channel(bed.group("s1"));

        boolean sent = channel.send(OutgoingMessage.markdown("**Paris**\n\n@staff001", List.of("staff001")));

        assertThat(sent).isTrue();
        ApiRequest request = bed.api.requests(FakeDingTalkApi.WEBHOOK).get(0);
        JsonNode expected = new ObjectMapper().readTree("""
                {"msgtype":"markdown","at":{"atUserIds":["staff001"],"atMobiles":[],"isAtAll":false},
                 "markdown":{"title":"Markdown Msg","text":"**Paris**\\n\\n@staff001"}}""");
        assertThat(request.json()).isEqualTo(expected);
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(bed.api.messages()).singleElement()
                .satisfies(m -> assertThat(m.atUserIds()).containsExactly("staff001"));
    }

    @Test
    void a_text_reply_uses_the_text_body_with_an_empty_at_list() {
        assertThat(bed.channel(bed.privateChat("s1")).send(OutgoingMessage.text("pong", List.of()))).isTrue();

        JsonNode body = bed.api.requests(FakeDingTalkApi.WEBHOOK).get(0).json();
        assertThat(body.path("msgtype").asText()).isEqualTo("text");
        assertThat(body.path("text").path("content").asText()).isEqualTo("pong");
        assertThat(body.path("at").path("atUserIds").isArray()).isTrue();
        assertThat(body.path("at").path("atUserIds")).isEmpty();
    }

    @Test
    void an_errcode_other_than_zero_is_a_failed_send() {
        bed.api.webhookAnswers(400105, "消息内容不合法", 1);

        boolean sent = bed.channel(bed.group("s1")).send(OutgoingMessage.text("hello", List.of()));

        assertThat(sent).isFalse();
        assertThat(bed.api.messages()).isEmpty();
        assertThat(bed.api.requests(FakeDingTalkApi.GROUP_SEND)).isEmpty();
    }

    @Test
    void a_transient_5xx_is_retried_then_succeeds() {
        bed.api.failNext(FakeDingTalkApi.WEBHOOK, 503, 2);

        boolean sent = bed.channel(bed.group("s1")).send(OutgoingMessage.text("third time lucky", List.of()));

        assertThat(sent).isTrue();
        assertThat(bed.api.requests(FakeDingTalkApi.WEBHOOK)).hasSize(3);
        assertThat(bed.api.messages()).extracting(ApiMessage::via, ApiMessage::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ApiMessage.Via.WEBHOOK, "third time lucky"));
    }

    @Test
    void send_too_fast_backs_off_and_retries_the_webhook() {
        bed.api.webhookTooFast(1);

        boolean sent = bed.channel(bed.group("s1")).send(OutgoingMessage.text("easy", List.of()));

        assertThat(sent).isTrue();
        List<ApiRequest> posts = bed.api.requests(FakeDingTalkApi.WEBHOOK);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).nanoTime() - posts.get(0).nanoTime()).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(bed.api.messages()).singleElement().extracting(ApiMessage::via).isEqualTo(ApiMessage.Via.WEBHOOK);
    }

    @Test
    void a_long_message_is_split_and_sent_in_order_with_the_mention_on_the_last_piece() {
        String paragraph = "x".repeat(3_000) + "\n";
        String text = paragraph.repeat(4) + "@staff001";

        boolean sent = bed.channel(bed.group("s1")).send(OutgoingMessage.markdown(text, List.of("staff001")));

        assertThat(sent).isTrue();
        List<ApiMessage> pieces = bed.api.messages();
        assertThat(pieces).hasSizeGreaterThan(1).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(5_000));
        assertThat(String.join("\n", pieces.stream().map(ApiMessage::text).toList())).isEqualTo(text);
        assertThat(pieces.get(pieces.size() - 1).atUserIds()).containsExactly("staff001");
        assertThat(pieces.subList(0, pieces.size() - 1)).allSatisfy(m -> assertThat(m.atUserIds()).isEmpty());
    }
}
