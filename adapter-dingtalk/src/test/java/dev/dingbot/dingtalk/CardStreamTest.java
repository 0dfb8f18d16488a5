package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.StreamingReply;
import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.ApiRequest;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CardStreamTest {
    private static final String CUSTOM = "custom-template.schema";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.cards(CUSTOM, Duration.ofMillis(200)));

    @AfterEach
    void stop() {
        bed.close();
    }

    private void restart(ReplyTestBed.Options options) {
        bed.close();
        bed = new ReplyTestBed(options);
    }

    private void onManualTime(ReplyTestBed.Options options) {
        bed.close();
        bed = ReplyTestBed.onManualTime(options);
    }

    /** The time between each two consecutive instants. */
    private static List<Duration> gaps(List<Long> nanos) {
        return IntStream.range(1, nanos.size()).mapToObj(i -> Duration.ofNanos(nanos.get(i) - nanos.get(i - 1))).toList();
    }

    private static ReplyTuning gaps(Duration first, Duration last, Duration watchdog) {
        return ReplyTestBed.fast().withCardRhythm(first, last, Duration.ofSeconds(2), Duration.ofMillis(300))
                .withCardWatchdog(watchdog);
    }

    private StreamingReply open(IncomingMessage message, String initial) {
        return bed.channel(message).openStream(initial).orElseThrow();
    }

    private ApiCard onlyCard() {
        assertThat(bed.api.cards()).hasSize(1);
        return bed.api.cards().get(0);
    }

    private String lastFrameContent() {
        List<JsonNode> frames = frames();
        return frames.isEmpty() ? "" : frames.get(frames.size() - 1).path("content").asText();
    }

    private List<JsonNode> frames() {
        return bed.api.requests(FakeDingTalkApi.CARD_STREAMING).stream().map(ApiRequest::json).toList();
    }

    @Test
    void a_group_card_goes_to_the_group_space_with_the_robot_and_shows_the_initial_content() {
        open(bed.group("s1"), "**Question**\n\nThinking…");

        JsonNode create = bed.api.requests(FakeDingTalkApi.CARD_CREATE).get(0).json();
        assertThat(create.path("cardTemplateId").asText()).isEqualTo(CUSTOM);
        assertThat(create.path("openSpaceId").asText()).isEqualTo("dtv1.card//IM_GROUP." + ReplyTestBed.GROUP);
        assertThat(create.path("imGroupOpenDeliverModel").path("robotCode").asText()).isEqualTo(ReplyTestBed.APP);
        assertThat(create.has("imRobotOpenDeliverModel")).isFalse();
        assertThat(onlyCard().param("content")).isEqualTo("**Question**\n\nThinking…");
    }

    @Test
    void a_private_card_goes_to_the_robot_space_of_the_staff_id_or_else_the_sender_id() {
        open(bed.privateChat("s1"), "…");
        IncomingMessage noStaff = bed.privateChat("s2");
        noStaff = new IncomingMessage(noStaff.msgId(), noStaff.appId(), ChatKind.PRIVATE, noStaff.conversationId(), "",
                new Sender("", "Bob", "$:sender-bob"), noStaff.type(), "q", List.of(), QuotedMessage.NONE,
                noStaff.createdAt(), noStaff.route());
        open(noStaff, "…");

        List<JsonNode> creates = bed.api.requests(FakeDingTalkApi.CARD_CREATE).stream().map(ApiRequest::json).toList();
        assertThat(creates).extracting(c -> c.path("openSpaceId").asText())
                .containsExactly("dtv1.card//IM_ROBOT." + ReplyTestBed.STAFF, "dtv1.card//IM_ROBOT.$:sender-bob");
        assertThat(creates.get(0).path("imRobotOpenDeliverModel").path("spaceType").asText()).isEqualTo("IM_ROBOT");
        assertThat(creates.get(0).path("imRobotOpenDeliverModel").path("robotCode").asText()).isEqualTo(ReplyTestBed.APP);
    }

    @Test
    void a_message_answered_again_after_a_restart_continues_its_card_instead_of_opening_a_second() throws Exception {
        IncomingMessage message = bed.group("s1");
        StreamingReply before = open(message, "**Question**\n\nThinking…");
        before.update("**Question**\n\nhalf an ans");
        assertThat(RecordingBot.awaitUntil(() -> !frames().isEmpty(), WAIT)).as("a frame reached the card").isTrue();

        bed.restartReplies();
        StreamingReply after = bed.replayChannel(message).openStream("**Question**\n\nThinking…").orElseThrow();
        assertThat(after.finish("**Question**\n\nthe whole answer")).isTrue();

        ApiCard card = onlyCard();
        assertThat(card.finalized()).isTrue();
        assertThat(card.param("content")).isEqualTo("**Question**\n\nthe whole answer");
        assertThat(bed.api.requests(FakeDingTalkApi.CARD_CREATE)).hasSize(1);
    }

    @Test
    void a_replayed_message_whose_card_never_reached_dingtalk_gets_a_new_one() {
        IncomingMessage message = bed.group("s1");

        StreamingReply card = bed.replayChannel(message).openStream("…").orElseThrow();

        assertThat(card.finish("the answer")).isTrue();
        assertThat(onlyCard().finalized()).isTrue();
    }

    @Test
    void each_message_has_a_card_of_its_own_and_the_same_message_always_the_same_card_id() {
        IncomingMessage first = bed.group("s1");
        IncomingMessage second = bed.group("s2");

        assertThat(CardCreator.outTrackId(ReplyTestBed.APP, first.msgId()))
                .isEqualTo(CardCreator.outTrackId(ReplyTestBed.APP, first.msgId()))
                .isNotEqualTo(CardCreator.outTrackId(ReplyTestBed.APP, second.msgId()))
                .isNotEqualTo(CardCreator.outTrackId("another-app", first.msgId()));
        assertThat(CardCreator.outTrackId(ReplyTestBed.APP, "")).isNotEqualTo(CardCreator.outTrackId(ReplyTestBed.APP, ""));
    }

    @Test
    void every_card_frame_is_reported_to_the_channel_events_for_metrics() throws Exception {
        StreamingReply card = open(bed.group("s1"), "…");
        card.update("some text");
        assertThat(card.finish("the whole answer")).isTrue();
        assertThat(bed.reportedFrames).hasSize(frames().size()).containsOnly(true);
    }

    @Test
    void an_update_never_waits_for_dingtalk_to_answer_the_frame() throws Exception {
        bed.api.delay(FakeDingTalkApi.CARD_STREAMING, Duration.ofSeconds(4));
        StreamingReply card = open(bed.group("s1"), "…");
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) card.update("text " + i);
        // five frames each answered after 4 s: waiting for even one would take that long
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_burst_of_fifty_updates_becomes_a_handful_of_frames_and_the_final_frame_holds_everything() {
        onManualTime(ReplyTestBed.Options.cards(CUSTOM, Duration.ofMillis(200)));
        bed.api.delay(FakeDingTalkApi.CARD_STREAMING, Duration.ofMillis(100));
        StreamingReply card = open(bed.group("s1"), "…");
        StringBuilder answer = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            answer.append("word").append(i).append(' ');
            card.update(answer.toString());
            bed.time.advance(Duration.ofMillis(20));
        }
        bed.time.advance(Duration.ofMillis(200)); // the trailing flush needs no further token

        assertThat(lastFrameContent()).isEqualTo(answer.toString());
        assertThat(frames()).hasSizeBetween(3, 10);
        assertThat(gaps(bed.frameTimes)).allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(200)));

        assertThat(card.finish(answer + "done.")).isTrue();

        JsonNode last = frames().get(frames().size() - 1);
        assertThat(last.path("content").asText()).isEqualTo(answer + "done.");
        assertThat(last.path("isFinalize").asBoolean()).isTrue();
        assertThat(last.path("isFull").asBoolean()).isTrue();
        assertThat(last.path("key").asText()).isEqualTo("content");
        assertThat(onlyCard().finalized()).isTrue();
        assertThat(frames()).extracting(f -> f.path("guid").asText()).doesNotHaveDuplicates();
    }

    @Test
    void the_first_frame_waits_after_delivery_and_the_final_frame_waits_after_the_last_one() {
        onManualTime(ReplyTestBed.Options.cards(CUSTOM, Duration.ofMillis(100))
                .tuning(gaps(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMinutes(10))));
        StreamingReply card = open(bed.group("s1"), "…");
        long delivered = bed.time.nanoTime();
        card.update("Par");
        bed.time.advance(Duration.ofMillis(299));
        assertThat(frames()).as("still within the first gap").isEmpty();
        bed.time.advance(Duration.ofMillis(1));
        assertThat(frames()).hasSize(1);

        assertThat(card.finish("Paris.")).isTrue();

        assertThat(frames()).hasSize(2);
        assertThat(Duration.ofNanos(bed.frameTimes.get(0) - delivered)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(gaps(bed.frameTimes)).singleElement()
                .satisfies(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
    }

    @Test
    void after_a_long_silence_the_first_text_waits_to_become_a_phrase() {
        onManualTime(ReplyTestBed.Options.cards(CUSTOM, Duration.ofMillis(50)).tuning(ReplyTestBed.fast()
                .withCardRhythm(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(200), Duration.ofMillis(300))));
        StreamingReply card = open(bed.group("s1"), "…");
        bed.time.advance(Duration.ofMillis(300)); // the model is reasoning
        card.update("P");
        bed.time.advance(Duration.ofMillis(100));
        card.update("Paris is");
        bed.time.advance(Duration.ofMillis(200));

        assertThat(frames()).first().satisfies(first -> assertThat(first.path("content").asText()).isEqualTo("Paris is"));
        assertThat(card.finish("Paris is the capital.")).isTrue();
    }

    @Test
    void after_shutdown_updates_are_ignored_quietly_and_finish_still_closes_the_card() {
        StreamingReply card = open(bed.group("s1"), "…");
        bed.replies.close();

        card.update("still typing");

        assertThat(card.finish("Paris.")).isTrue();
        assertThat(onlyCard().param("content")).isEqualTo("Paris.");
    }

    @Test
    void a_card_that_cannot_be_created_or_delivered_gives_no_stream() {
        bed.api.failCardCreate(FakeDingTalkApi.CardFailure.HTTP_500, FakeDingTalkApi.CardFailure.SUCCESS_FALSE,
                FakeDingTalkApi.CardFailure.DELIVERY_FAILED);
        var channel = bed.channel(bed.group("s1"));

        assertThat(channel.openStream("…")).as("HTTP 500").isEmpty();
        assertThat(channel.openStream("…")).as("success:false").isEmpty();
        assertThat(channel.openStream("…")).as("deliverResults success:false").isEmpty();
        assertThat(bed.api.requests(FakeDingTalkApi.CARD_CREATE)).hasSize(3);
        assertThat(channel.openStream("…")).as("healthy again").isPresent();
    }

    @Test
    void with_cards_disabled_no_stream_opens_and_nothing_is_called() {
        restart(ReplyTestBed.Options.plain());

        assertThat(bed.channel(bed.group("s1")).openStream("…")).isEmpty();
        assertThat(bed.api.requests()).isEmpty();
    }

    @Test
    void a_qps_limit_is_retried_once_with_a_new_guid() {
        bed.api.qpsLimitNext(FakeDingTalkApi.CARD_STREAMING, 1);
        StreamingReply card = open(bed.group("s1"), "…");

        assertThat(card.finish("Paris.")).isTrue();

        List<ApiRequest> tries = bed.api.requests(FakeDingTalkApi.CARD_STREAMING);
        assertThat(tries).hasSize(2);
        assertThat(tries.get(0).json().path("guid").asText()).isNotEqualTo(tries.get(1).json().path("guid").asText());
        assertThat(tries.get(1).nanoTime() - tries.get(0).nanoTime()).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
        assertThat(onlyCard().param("content")).isEqualTo("Paris.");
    }

    @Test
    void a_failed_custom_card_ends_in_the_error_state_with_the_readable_text() {
        StreamingReply card = open(bed.group("s1"), "…");
        card.update("Half an ans");

        assertThat(card.fail("The model stopped answering.")).isTrue();

        JsonNode last = frames().get(frames().size() - 1);
        assertThat(last.path("isError").asBoolean()).isTrue();
        assertThat(last.path("isFinalize").asBoolean()).isTrue();
        assertThat(onlyCard().param("content")).isEqualTo("The model stopped answering.");
        assertThat(card.finish("again")).isFalse();
    }

    @Test
    void the_public_template_streams_msg_content_and_closes_with_flow_status() {
        restart(ReplyTestBed.Options.cards(null, Duration.ofMillis(100)));
        StreamingReply done = open(bed.group("s1"), "…");
        StreamingReply broken = open(bed.group("s2"), "…");

        assertThat(done.finish("Paris.")).isTrue();
        assertThat(broken.fail("Sorry, the model failed.")).isTrue();

        JsonNode create = bed.api.requests(FakeDingTalkApi.CARD_CREATE).get(0).json();
        assertThat(create.path("cardTemplateId").asText()).isEqualTo(DingTalkSettings.PUBLIC_AI_CARD_TEMPLATE);
        assertThat(create.path("cardData").path("cardParamMap").path("flowStatus").asText()).isEqualTo("1");
        assertThat(frames()).extracting(f -> f.path("key").asText()).containsOnly("msgContent");
        List<ApiCard> cards = bed.api.cards();
        assertThat(cards.get(0).param("msgContent")).isEqualTo("Paris.");
        assertThat(cards.get(0).param("flowStatus")).isEqualTo("3");
        assertThat(cards.get(1).param("msgContent")).isEqualTo("Sorry, the model failed.");
        assertThat(cards.get(1).param("flowStatus")).isEqualTo("5");
        assertThat(bed.api.requests(FakeDingTalkApi.CARD_UPDATE)).allSatisfy(r ->
                assertThat(r.json().path("cardUpdateOptions").path("updateCardDataByKey").asBoolean()).isTrue());
    }

    @Test
    void the_watchdog_closes_a_card_nobody_finished() {
        onManualTime(ReplyTestBed.Options.cards(CUSTOM, Duration.ofMillis(50))
                .tuning(gaps(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(400))));
        StreamingReply card = open(bed.group("s1"), "…");
        card.update("partial answer");
        bed.time.advance(Duration.ofMillis(399));
        assertThat(frames()).as("the partial answer, and no close yet").hasSize(1);
        assertThat(onlyCard().finalized()).isFalse();

        bed.time.advance(Duration.ofMillis(1));

        assertThat(frames()).hasSize(2);
        ApiCard closed = onlyCard();
        assertThat(closed.finalized()).isTrue();
        assertThat(closed.error()).isTrue();
        assertThat(closed.param("content")).startsWith("partial answer").endsWith(CardStream.INTERRUPTED.strip());
        assertThat(card.finish("too late")).isFalse();
    }

    @Test
    void a_card_that_dies_midway_reports_false_so_plain_messages_follow() {
        bed.api.failNext(FakeDingTalkApi.CARD_STREAMING, 500, 50);
        StreamingReply card = open(bed.group("s1"), "…");

        assertThat(card.finish("Paris.")).isFalse();
        assertThat(bed.api.messages()).isEmpty();
    }

    @Test
    void content_beyond_the_card_limit_continues_in_a_plain_markdown_message() {
        restart(ReplyTestBed.Options.cards(CUSTOM, Duration.ofMillis(100))
                .tuning(ReplyTestBed.fast().withLimits(1 << 20, 5_000, 12_000, 100)));
        String answer = "a".repeat(100) + "b".repeat(150);
        StreamingReply card = open(bed.group("s1"), "…");

        assertThat(card.finish(answer)).isTrue();

        assertThat(onlyCard().param("content")).isEqualTo("a".repeat(100));
        assertThat(bed.api.messages()).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("b".repeat(150)))
                .satisfies(m -> assertThat(m.format()).isEqualTo("markdown"));
    }
}
