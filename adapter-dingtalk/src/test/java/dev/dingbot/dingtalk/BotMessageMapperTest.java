package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.BotMessages.RichPart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class BotMessageMapperTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private final BotMessageMapper mapper = new BotMessageMapper(Clock.fixed(NOW, ZoneOffset.UTC));

    private IncomingMessage mapped(String json) {
        ParsedMessage parsed = mapper.map("appKey1", json);
        assertThat(parsed).isInstanceOf(ParsedMessage.Message.class);
        return ((ParsedMessage.Message) parsed).message();
    }

    private String malformedReason(String json) {
        ParsedMessage parsed = mapper.map("appKey1", json.getBytes(StandardCharsets.UTF_8));
        assertThat(parsed).isInstanceOf(ParsedMessage.Malformed.class);
        return ((ParsedMessage.Malformed) parsed).reason();
    }

    @Test
    void a_private_text_has_no_title_and_keeps_the_sender_and_route() {
        Instant at = Instant.ofEpochMilli(1_700_000_060_000L);
        BotMessages payload = BotMessages.privateChat().text("What is the capital of France?").createAt(at)
                .sender("user009", "Bob");

        IncomingMessage m = mapped(payload.json());

        assertThat(m.chatKind()).isEqualTo(ChatKind.PRIVATE);
        assertThat(m.conversationTitle()).isEmpty();
        assertThat(m.chatTitle()).isEqualTo("Bob_私聊");
        assertThat(m.sender().staffId()).isEqualTo("user009");
        assertThat(m.text()).isEqualTo("What is the capital of France?");
        assertThat(m.createdAt()).isEqualTo(at);
        assertThat(m.route()).containsEntry(RouteKeys.SESSION_WEBHOOK, payload.sessionWebhook())
                .containsEntry(RouteKeys.SESSION_WEBHOOK_EXPIRES, Long.toString(at.toEpochMilli() + 5_400_000))
                .containsEntry(RouteKeys.ROBOT_CODE, "dingrobotcode01");
    }

    @Test
    void the_space_left_by_a_stripped_mention_is_trimmed_from_group_text() {
        assertThat(mapped(BotMessages.group().text("  hello bot \n").json()).text()).isEqualTo("hello bot");
    }

    @Test
    void rich_text_joins_its_text_runs_by_line_and_collects_its_pictures_in_order() {
        IncomingMessage m = mapped(BotMessages.group().richText(RichPart.text("first"), RichPart.picture("c1"),
                RichPart.text("  "), RichPart.picture("c2"), RichPart.text("second ")).json());

        assertThat(m.type()).isEqualTo(MessageType.RICH_TEXT);
        assertThat(m.text()).isEqualTo("first\nsecond");
        assertThat(m.attachments()).containsExactly(Attachment.picture("c1"), Attachment.picture("c2"));
    }

    @Test
    void a_picture_becomes_an_attachment_by_download_code_and_no_text() {
        IncomingMessage m = mapped(BotMessages.privateChat().picture("mIofFakeDownload01==").json());

        assertThat(m.type()).isEqualTo(MessageType.PICTURE);
        assertThat(m.text()).isEmpty();
        assertThat(m.pictures()).containsExactly(Attachment.picture("mIofFakeDownload01=="));
    }

    @Test
    void a_voice_message_is_read_as_its_recognition() {
        IncomingMessage m = mapped(BotMessages.privateChat().audio(" 明天天气怎么样 ", "dlVoice").json());

        assertThat(m.type()).isEqualTo(MessageType.AUDIO);
        assertThat(m.text()).isEqualTo("明天天气怎么样");
        assertThat(m.attachments()).containsExactly(new Attachment(Attachment.Kind.AUDIO, "dlVoice", ""));
    }

    @Test
    void files_videos_and_unknown_types_keep_their_type_and_carry_no_text() {
        IncomingMessage file = mapped(BotMessages.privateChat().file("report.pdf", "dlFile").json());
        IncomingMessage video = mapped(BotMessages.privateChat().video("dlVideo").json());
        IncomingMessage unknown = mapped(BotMessages.group().unknownType("interactiveCard").json());

        assertThat(file.type()).isEqualTo(MessageType.FILE);
        assertThat(file.text()).isEmpty();
        assertThat(file.attachments()).containsExactly(new Attachment(Attachment.Kind.FILE, "dlFile", "report.pdf"));
        assertThat(video.type()).isEqualTo(MessageType.VIDEO);
        assertThat(video.text()).isEmpty();
        assertThat(unknown.type()).isEqualTo(MessageType.UNKNOWN);
        assertThat(unknown.text()).isEmpty();
        assertThat(unknown.attachments()).isEmpty();
    }

    @Test
    void a_message_without_create_time_is_dated_now() {
        assertThat(mapped(BotMessages.group().without("createAt").json()).createdAt()).isEqualTo(NOW);
    }

    @Test
    void a_stale_message_keeps_its_original_time_for_core_to_judge() {
        Instant old = NOW.minus(Duration.ofHours(2));
        assertThat(mapped(BotMessages.group().createAt(old).json()).createdAt()).isEqualTo(old);
    }

    @Test
    void without_a_robot_code_the_receiving_app_is_the_route_robot_code() {
        IncomingMessage m = mapped(BotMessages.group().without("robotCode").without("sessionWebhook")
                .without("sessionWebhookExpiredTime").json());

        assertThat(m.appId()).isEqualTo("appKey1");
        assertThat(m.route()).containsOnlyKeys(RouteKeys.ROBOT_CODE).containsEntry(RouteKeys.ROBOT_CODE, "appKey1");
    }

    @Test
    void an_outgoing_robot_message_has_no_staff_id_robot_code_normal_and_is_known_by_its_sender_id() {
        IncomingMessage m = mapped(BotMessages.group().outgoingRobot().json());

        assertThat(m.sender().hasStaffId()).isFalse();
        assertThat(m.sender().identifier()).isEqualTo("$:LWCP_v1:$aliceALI789");
        assertThat(m.route()).containsEntry(RouteKeys.ROBOT_CODE, "normal");
    }

    @Test
    void numbers_sent_as_strings_are_still_read() {
        IncomingMessage m = mapped("{\"msgId\":\"m\",\"conversationType\":2,\"createAt\":\"1700000000000\","
                + "\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}");

        assertThat(m.chatKind()).isEqualTo(ChatKind.GROUP);
        assertThat(m.createdAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void input_that_is_no_bot_message_is_reported_not_thrown() {
        assertThat(malformedReason("")).isNotBlank();
        assertThat(malformedReason("null")).isEqualTo("empty payload");
        assertThat(malformedReason("{not json")).startsWith("not a bot message");
        assertThat(malformedReason("[1,2]")).startsWith("not a bot message");
        assertThat(malformedReason("{\"msgId\":\"m\",\"conversationType\":\"2\",\"text\":\"flat\"}"))
                .startsWith("not a bot message");
        assertThat(malformedReason(BotMessages.group().without("msgId").json())).isEqualTo("no msgId");
        assertThat(malformedReason(BotMessages.group().without("conversationType").json()))
                .isEqualTo("unknown conversationType null");
        assertThat(mapper.map("appKey1", (String) null)).isInstanceOf(ParsedMessage.Malformed.class);
    }
}
