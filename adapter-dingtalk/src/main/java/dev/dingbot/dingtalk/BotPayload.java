package dev.dingbot.dingtalk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The fields of a DingTalk bot message ({@code /v1.0/im/bot/messages/get} data, also the HTTP callback body) that
 * the channel reads. Everything else in the payload is ignored; any field may be missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record BotPayload(
        String msgId,
        String msgtype,
        String conversationId,
        String conversationType,
        String conversationTitle,
        String senderStaffId,
        String senderNick,
        String senderId,
        String robotCode,
        String sessionWebhook,
        Long sessionWebhookExpiredTime,
        Long createAt,
        Text text,
        Content content) {

    /**
     * {@code text} of a text message; a reply (引用回复) also has {@code isReplyMsg} and {@code repliedMsg}. Those two
     * are kept as trees and read leniently, so a quote of a shape not known here never spoils the message.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Text(String content, @JsonProperty("isReplyMsg") JsonNode isReplyMsg, JsonNode repliedMsg) {
    }

    /**
     * {@code content} of non-text messages: picture, richText, audio, video, file; also of a quoted message, where a
     * quoted text has its words in {@code text} (or {@code content}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(String downloadCode, String pictureDownloadCode, String recognition, String fileName,
                   List<Part> richText, JsonNode text, JsonNode content) {
    }

    /**
     * One rich-text part: a text run, a picture or a file. In a quoted rich text a part may name its kind
     * {@code msgType} instead of {@code type}, and its words {@code content} instead of {@code text}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(String text, String type, String msgType, JsonNode content, String downloadCode,
                String pictureDownloadCode, String fileName) {
    }
}
