package dev.dingbot.dingtalk;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Maps DingTalk's bot-message JSON into core's {@link IncomingMessage}. Never throws for bad input. */
final class BotMessageMapper {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Clock clock;

    BotMessageMapper(Clock clock) {
        this.clock = clock;
    }

    /** @param appId the app that received the payload: the stream client's clientId or the verified credential */
    ParsedMessage map(String appId, byte[] json) {
        try {
            return map(appId, JSON.readValue(json, BotPayload.class));
        } catch (JacksonException e) {
            return new ParsedMessage.Malformed("not a bot message: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new ParsedMessage.Malformed("unreadable: " + e.getMessage());
        }
    }

    ParsedMessage map(String appId, String json) {
        if (json == null) return new ParsedMessage.Malformed("no payload");
        try {
            return map(appId, JSON.readValue(json, BotPayload.class));
        } catch (JacksonException e) {
            return new ParsedMessage.Malformed("not a bot message: " + e.getOriginalMessage());
        }
    }

    private ParsedMessage map(String appId, BotPayload p) {
        if (p == null) return new ParsedMessage.Malformed("empty payload");
        if (isBlank(p.msgId())) return new ParsedMessage.Malformed("no msgId");
        ChatKind kind = chatKind(p.conversationType());
        if (kind == null) {
            return new ParsedMessage.Malformed("unknown conversationType " + p.conversationType());
        }
        MessageType type = p.msgtype() == null && p.text() != null ? MessageType.TEXT : type(p.msgtype());
        List<Attachment> attachments = new ArrayList<>();
        String words = p.text() == null ? null : p.text().content();
        String text = body(type, words, p.content(), attachments);
        Instant createdAt = p.createAt() != null && p.createAt() > 0
                ? Instant.ofEpochMilli(p.createAt()) : clock.instant();
        return new ParsedMessage.Message(new IncomingMessage(p.msgId(), appId, kind, p.conversationId(),
                p.conversationTitle(), new Sender(p.senderStaffId(), p.senderNick(), p.senderId()),
                type, text, attachments, quoted(p.text()), createdAt, route(appId, p)));
    }

    /**
     * The words of a message or quoted message of {@code type}, its media added to {@code attachments}.
     *
     * @param words a text message's words (they are in {@code text}, not in {@code content})
     */
    private static String body(MessageType type, String words, BotPayload.Content content,
                               List<Attachment> attachments) {
        if (type == MessageType.TEXT) return strip(words);
        if (content == null) return "";
        if (type == MessageType.RICH_TEXT) return richText(content, attachments);
        switch (type) {
            case PICTURE -> attach(attachments, Attachment.Kind.PICTURE, content, null);
            case AUDIO -> attach(attachments, Attachment.Kind.AUDIO, content, null);
            case VIDEO -> attach(attachments, Attachment.Kind.VIDEO, content, null);
            case FILE -> attach(attachments, Attachment.Kind.FILE, content, content.fileName());
            default -> { }
        }
        return type == MessageType.AUDIO ? strip(content.recognition()) : "";
    }

    /**
     * The message a reply quotes: {@code text.repliedMsg} when {@code text.isReplyMsg} is true. Its {@code content}
     * is an object or that object as a JSON string; a quoted text has its words in {@code content.text} or
     * {@code content.content}. Anything unreadable (not an object, content not JSON, a type not known here) is no
     * quote, and the message maps as it would without one.
     */
    private static QuotedMessage quoted(BotPayload.Text text) {
        if (text == null || text.isReplyMsg() == null || !text.isReplyMsg().asBoolean(false)
                || text.repliedMsg() == null || !text.repliedMsg().isObject()) {
            return QuotedMessage.NONE;
        }
        JsonNode replied = text.repliedMsg();
        try {
            JsonNode tree = replied.path("content");
            if (tree.isTextual()) tree = JSON.readTree(tree.asText());
            if (tree == null || !tree.isObject()) return QuotedMessage.NONE;
            BotPayload.Content content = JSON.treeToValue(tree, BotPayload.Content.class);
            MessageType type = type(replied.path("msgType").asText(null));
            String words = firstNonBlank(textual(content.text()), textual(content.content()));
            List<Attachment> attachments = new ArrayList<>();
            QuotedMessage quoted = new QuotedMessage(type, body(type, words, content, attachments), attachments);
            return quoted.isEmpty() ? QuotedMessage.NONE : quoted;
        } catch (JacksonException | IllegalArgumentException e) { // treeToValue may wrap what it cannot bind
            return QuotedMessage.NONE;
        }
    }

    private static ChatKind chatKind(String conversationType) {
        if ("1".equals(conversationType)) return ChatKind.PRIVATE;
        if ("2".equals(conversationType)) return ChatKind.GROUP;
        return null;
    }

    private static MessageType type(String msgtype) {
        if (msgtype == null) return MessageType.UNKNOWN;
        return switch (msgtype) {
            case "text" -> MessageType.TEXT;
            case "richText" -> MessageType.RICH_TEXT;
            case "picture" -> MessageType.PICTURE;
            case "audio" -> MessageType.AUDIO;
            case "file" -> MessageType.FILE;
            case "video" -> MessageType.VIDEO;
            default -> MessageType.UNKNOWN;
        };
    }

    /**
     * Text runs become lines; pictures and files (a file attached in the input box, with an @ in a group) become
     * attachments, in order.
     */
    private static String richText(BotPayload.Content content, List<Attachment> attachments) {
        if (content.richText() == null) return "";
        StringJoiner lines = new StringJoiner("\n");
        for (BotPayload.Part part : content.richText()) {
            if (part == null) continue;
            String kind = firstNonBlank(part.type(), part.msgType());
            String code = firstNonBlank(part.downloadCode(), part.pictureDownloadCode());
            String words = firstNonBlank(part.text(), textual(part.content()));
            boolean file = "file".equals(kind) || (kind == null && words == null && !isBlank(part.fileName()));
            if (file) {
                if (code != null) attachments.add(Attachment.file(code, part.fileName()));
            } else if ("picture".equals(kind) || (words == null && code != null)) {
                if (code != null) attachments.add(Attachment.picture(code));
            } else if (words != null) {
                lines.add(words.strip());
            }
        }
        return lines.toString();
    }

    /** A tree's text when it is a JSON string; null otherwise. */
    private static String textual(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static void attach(List<Attachment> attachments, Attachment.Kind kind, BotPayload.Content content,
                               String fileName) {
        String code = firstNonBlank(content.downloadCode(), content.pictureDownloadCode());
        if (code != null) attachments.add(new Attachment(kind, code, fileName));
    }

    private static Map<String, String> route(String appId, BotPayload p) {
        Map<String, String> route = new HashMap<>();
        if (!isBlank(p.sessionWebhook())) route.put(RouteKeys.SESSION_WEBHOOK, p.sessionWebhook());
        if (p.sessionWebhookExpiredTime() != null) {
            route.put(RouteKeys.SESSION_WEBHOOK_EXPIRES, Long.toString(p.sessionWebhookExpiredTime()));
        }
        // Stream payloads carry robotCode (the AppKey for internal apps); the receiving app is the fallback.
        String robotCode = firstNonBlank(p.robotCode(), appId);
        if (robotCode != null) route.put(RouteKeys.ROBOT_CODE, robotCode);
        return route;
    }

    private static String firstNonBlank(String a, String b) {
        if (!isBlank(a)) return a;
        return isBlank(b) ? null : b;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
