package dev.dingbot.dingtalk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

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

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Text(String content) {
    }

    /** {@code content} of non-text messages: picture, richText, audio, video, file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(String downloadCode, String pictureDownloadCode, String recognition, String fileName,
                   List<Part> richText) {
    }

    /** One rich-text part: a text run or a picture. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(String text, String type, String downloadCode, String pictureDownloadCode) {
    }
}
