package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.BotMessages.Quote;
import dev.dingbot.testkit.dingtalk.BotMessages.RichPart;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

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

    @Test
    void a_file_in_a_group_rich_text_with_a_mention_becomes_a_file_attachment_beside_the_words() {
        IncomingMessage m = mapped(BotMessages.group().richText(RichPart.text("@机器人 总结这个文件"),
                RichPart.file("季度报告.pdf", "dlFile1"), RichPart.picture("dlPic1")).json());

        assertThat(m.type()).isEqualTo(MessageType.RICH_TEXT);
        assertThat(m.text()).isEqualTo("@机器人 总结这个文件");
        assertThat(m.files()).containsExactly(Attachment.file("dlFile1", "季度报告.pdf"));
        assertThat(m.pictures()).containsExactly(Attachment.picture("dlPic1"));
        assertThat(m.quoted()).isEqualTo(QuotedMessage.NONE);
    }

    @Test
    void a_rich_text_file_item_without_a_type_is_known_by_its_file_name() {
        IncomingMessage m = mapped(withContent(BotMessages.group(), "richText",
                "{\"richText\":[{\"text\":\"看看\"},{\"downloadCode\":\"dlF\",\"fileName\":\"a.txt\"}]}"));

        assertThat(m.files()).containsExactly(Attachment.file("dlF", "a.txt"));
        assertThat(m.pictures()).isEmpty();
    }

    @Test
    void a_private_file_message_is_one_file_attachment_with_its_name() {
        IncomingMessage m = mapped(BotMessages.privateChat().file("日志.txt", "dlFile2").json());

        assertThat(m.files()).containsExactly(Attachment.file("dlFile2", "日志.txt"));
    }

    @Test
    void a_reply_quoting_a_text_carries_the_quoted_words_whether_its_content_is_an_object_or_a_string() {
        for (Quote quote : List.of(Quote.text(" 原来的问题 "), Quote.text(" 原来的问题 ").asString())) {
            IncomingMessage m = mapped(BotMessages.group().text(" 接着说").replyingTo(quote).json());

            assertThat(m.text()).isEqualTo("接着说");
            assertThat(m.quoted()).as(quote.toString())
                    .isEqualTo(new QuotedMessage(MessageType.TEXT, "原来的问题", List.of()));
        }
    }

    @Test
    void a_quoted_text_with_its_words_under_content_is_read_too() {
        IncomingMessage m = mapped(BotMessages.privateChat().text("为什么")
                .replyingTo(Quote.of("text", "{\"content\":\"天是蓝的\"}")).json());

        assertThat(m.quoted()).isEqualTo(new QuotedMessage(MessageType.TEXT, "天是蓝的", List.of()));
    }

    @Test
    void a_reply_quoting_a_rich_text_carries_its_joined_words_and_its_pictures_and_files() {
        Quote quote = Quote.richText(RichPart.text("第一段"), RichPart.picture("qPic"), RichPart.text("第二段"),
                RichPart.file("设计.docx", "qFile"));
        for (Quote form : List.of(quote, quote.asString())) {
            IncomingMessage m = mapped(BotMessages.group().text(" 这两张有什么区别").replyingTo(form).json());

            assertThat(m.quoted()).isEqualTo(new QuotedMessage(MessageType.RICH_TEXT, "第一段\n第二段",
                    List.of(Attachment.picture("qPic"), Attachment.file("qFile", "设计.docx"))));
            assertThat(m.attachments()).isEmpty();
        }
    }

    @Test
    void a_quoted_rich_text_whose_parts_name_their_kind_msgType_is_read_too() {
        IncomingMessage m = mapped(BotMessages.group().text(" ?").replyingTo(Quote.of("richText",
                "{\"richText\":[{\"msgType\":\"text\",\"content\":\"看图\"},"
                        + "{\"msgType\":\"picture\",\"downloadCode\":\"qPic2\"}]}")).json());

        assertThat(m.quoted()).isEqualTo(new QuotedMessage(MessageType.RICH_TEXT, "看图",
                List.of(Attachment.picture("qPic2"))));
    }

    @Test
    void a_reply_quoting_a_picture_carries_it_as_a_picture_attachment() {
        for (Quote quote : List.of(Quote.picture("qPic3"), Quote.picture("qPic3").asString())) {
            IncomingMessage m = mapped(BotMessages.group().text(" 图里是什么").replyingTo(quote).json());

            assertThat(m.quoted()).isEqualTo(new QuotedMessage(MessageType.PICTURE, "",
                    List.of(Attachment.picture("qPic3"))));
        }
    }

    @Test
    void a_reply_quoting_a_file_carries_it_as_a_file_attachment_with_its_name() {
        for (Quote quote : List.of(Quote.file("合同.pdf", "qFile2"), Quote.file("合同.pdf", "qFile2").asString())) {
            IncomingMessage m = mapped(BotMessages.group().text(" 合同期限多久").replyingTo(quote).json());

            assertThat(m.type()).isEqualTo(MessageType.TEXT);
            assertThat(m.text()).isEqualTo("合同期限多久");
            assertThat(m.quoted()).isEqualTo(new QuotedMessage(MessageType.FILE, "",
                    List.of(Attachment.file("qFile2", "合同.pdf"))));
            assertThat(m.files()).isEmpty();
        }
    }

    @Test
    void a_quote_of_a_type_not_read_here_is_no_quote() {
        IncomingMessage m = mapped(BotMessages.group().text(" 这张卡片说了什么")
                .replyingTo(Quote.of("interactiveCard", "{\"cardContent\":{\"elementType\":\"TEXT\"}}")).json());

        assertThat(m.quoted()).isEqualTo(QuotedMessage.NONE);
        assertThat(m.quoted().isEmpty()).isTrue();
        assertThat(m.text()).isEqualTo("这张卡片说了什么");
    }

    @Test
    void a_malformed_quote_is_no_quote_and_the_message_still_maps() {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> broken = List.of(
                json.getNodeFactory().textNode("not an object"),
                json.createArrayNode().add(1),
                json.createObjectNode().put("msgType", "text").put("content", "{not json"),
                json.createObjectNode().put("msgType", "text").put("content", "[\"an array\"]"),
                json.createObjectNode().put("msgType", "text").put("content", 42),
                json.createObjectNode().put("msgType", "richText").set("content",
                        json.createObjectNode().put("richText", "not a list")),
                json.createObjectNode().put("msgType", "picture"),
                json.createObjectNode().put("msgType", "file").set("content", json.createObjectNode()));
        for (JsonNode repliedMsg : broken) {
            IncomingMessage m = mapped(BotMessages.group().text(" 还在吗").repliedMsg(repliedMsg).json());

            assertThat(m.quoted()).as(repliedMsg.toString()).isEqualTo(QuotedMessage.NONE);
            assertThat(m.text()).isEqualTo("还在吗");
        }
    }

    @Test
    void a_replied_message_is_read_only_where_the_text_says_it_is_a_reply() {
        var payload = (ObjectNode) readTree(BotMessages.group().text(" hi").replyingTo(Quote.text("旧")).json());
        ((ObjectNode) payload.path("text")).put("isReplyMsg", false);

        assertThat(mapped(payload.toString()).quoted()).isEqualTo(QuotedMessage.NONE);
        assertThat(mapped(BotMessages.group().text(" hi").json()).quoted()).isEqualTo(QuotedMessage.NONE);
    }

    private static String withContent(BotMessages message, String msgtype, String contentJson) {
        ObjectNode payload = (ObjectNode) readTree(message.json());
        payload.remove("text");
        payload.put("msgtype", msgtype).set("content", readTree(contentJson));
        return payload.toString();
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
