package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.testkit.dingtalk.BotMessages.Quote;
import dev.dingbot.testkit.dingtalk.BotMessages.RichPart;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builders write DingTalk's wire shapes exactly. */
class BotMessagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws IOException {
        return JSON.readTree(json);
    }

    @Test
    void a_private_file_message_has_its_download_code_file_name_space_and_file_id() throws IOException {
        JsonNode m = tree(BotMessages.privateChat().file("报告.pdf", "dl1").json());

        assertThat(m.path("msgtype").asText()).isEqualTo("file");
        assertThat(m.path("conversationType").asText()).isEqualTo("1");
        assertThat(m.path("content")).isEqualTo(tree(
                "{\"spaceId\":\"space01\",\"fileName\":\"报告.pdf\",\"downloadCode\":\"dl1\",\"fileId\":\"file01\"}"));
    }

    @Test
    void a_group_rich_text_carries_a_file_item_typed_file_beside_its_text() throws IOException {
        JsonNode m = tree(BotMessages.group().richText(RichPart.text("@bot 看看"), RichPart.file("a.txt", "dl2")).json());

        assertThat(m.path("msgtype").asText()).isEqualTo("richText");
        assertThat(m.path("isInAtList").asBoolean()).isTrue();
        assertThat(m.path("content")).isEqualTo(tree("{\"richText\":[{\"text\":\"@bot 看看\"},"
                + "{\"downloadCode\":\"dl2\",\"fileName\":\"a.txt\",\"type\":\"file\"}]}"));
    }

    @Test
    void a_reply_is_a_text_whose_replied_message_carries_its_content_as_an_object_or_a_string() throws IOException {
        JsonNode asObject = tree(BotMessages.group().text(" 为什么").replyingTo(Quote.picture("dlP")).json());
        JsonNode asString = tree(BotMessages.group().text(" 为什么").replyingTo(Quote.picture("dlP").asString()).json());

        for (JsonNode m : new JsonNode[]{asObject, asString}) {
            assertThat(m.path("msgtype").asText()).isEqualTo("text");
            assertThat(m.path("text").path("content").asText()).isEqualTo(" 为什么");
            assertThat(m.path("text").path("isReplyMsg").asBoolean()).isTrue();
            JsonNode replied = m.path("text").path("repliedMsg");
            assertThat(replied.path("msgType").asText()).isEqualTo("picture");
            assertThat(replied.path("msgId").asText()).startsWith("msg");
            assertThat(replied.path("senderId").asText()).isNotEmpty();
            assertThat(replied.path("createdAt").asLong()).isEqualTo(m.path("createAt").asLong() - 60_000);
        }
        JsonNode content = tree("{\"downloadCode\":\"dlP\",\"pictureDownloadCode\":\"pdlP\"}");
        assertThat(asObject.path("text").path("repliedMsg").path("content")).isEqualTo(content);
        assertThat(tree(asString.path("text").path("repliedMsg").path("content").asText())).isEqualTo(content);
    }

    @Test
    void quotes_of_a_text_a_rich_text_and_a_file_have_their_documented_content() throws IOException {
        assertThat(Quote.text("旧话").content()).isEqualTo(tree("{\"text\":\"旧话\"}"));
        assertThat(Quote.richText(RichPart.text("x"), RichPart.picture("p")).content()).isEqualTo(tree(
                "{\"richText\":[{\"text\":\"x\"},{\"pictureDownloadCode\":\"pp\",\"downloadCode\":\"p\",\"type\":\"picture\"}]}"));
        assertThat(Quote.file("a.pdf", "f").content()).isEqualTo(tree("{\"downloadCode\":\"f\",\"fileName\":\"a.pdf\"}"));
    }

    @Test
    void only_a_text_message_can_be_a_reply() {
        assertThatThrownBy(() -> BotMessages.privateChat().picture("p").replyingTo(Quote.text("x")))
                .isInstanceOf(IllegalStateException.class);
    }
}
