package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realistic bot-message payloads ({@code data} of a {@code /v1.0/im/bot/messages/get} callback, also the body of an
 * HTTP-mode callback), following DingTalk's documented format. All ids are fake.
 *
 * <pre>{@code
 * String json = BotMessages.group().text(" hello").msgId("msgA==").sessionWebhookBase(api.url()).json();
 * }</pre>
 *
 * Defaults: sender Alice (staffId {@code user001}), robotCode {@code dingrobotcode01}, a fresh msgId, createAt now,
 * a session webhook on {@code http://127.0.0.1:9} (nothing listens there; set {@link #sessionWebhookBase}).
 */
public final class BotMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SESSIONS = new AtomicLong();

    /**
     * One part of a rich-text message: a text run ({@code {"text"}}), a picture ({@code {"pictureDownloadCode",
     * "downloadCode","type":"picture"}}) or a file attached in the input box ({@code {"downloadCode","fileName",
     * "type":"file"}}).
     */
    public record RichPart(String text, String downloadCode, String fileName) {
        public static RichPart text(String text) {
            return new RichPart(text, null, null);
        }

        public static RichPart picture(String downloadCode) {
            return new RichPart(null, downloadCode, null);
        }

        public static RichPart file(String fileName, String downloadCode) {
            return new RichPart(null, downloadCode, fileName);
        }

        ObjectNode json() {
            ObjectNode part = JSON.createObjectNode();
            if (text != null) return part.put("text", text);
            if (fileName != null) {
                return part.put("downloadCode", downloadCode).put("fileName", fileName).put("type", "file");
            }
            return part.put("pictureDownloadCode", "p" + downloadCode).put("downloadCode", downloadCode)
                    .put("type", "picture");
        }
    }

    /**
     * The message a reply quotes (引用回复), as DingTalk puts it into {@code text.repliedMsg}: its {@code msgType},
     * {@code msgId}, {@code senderId}, {@code createdAt} and {@code content}, an object or (see {@link #asString})
     * the same object as a JSON string.
     *
     * <pre>{@code
     * BotMessages.group().text(" 总结一下").replyingTo(Quote.file("报告.pdf", "dlFile==")).json();
     * }</pre>
     */
    public record Quote(String msgType, ObjectNode content, boolean contentAsString) {

        /** {@code {"text":"…"}} */
        public static Quote text(String words) {
            return new Quote("text", JSON.createObjectNode().put("text", words), false);
        }

        /** {@code {"richText":[…]}}, its parts as in a rich-text message. */
        public static Quote richText(RichPart... parts) {
            ObjectNode content = JSON.createObjectNode();
            ArrayNode items = content.putArray("richText");
            for (RichPart part : parts) items.add(part.json());
            return new Quote("richText", content, false);
        }

        /** {@code {"downloadCode":"…","pictureDownloadCode":"…"}} */
        public static Quote picture(String downloadCode) {
            return new Quote("picture", JSON.createObjectNode().put("downloadCode", downloadCode)
                    .put("pictureDownloadCode", "p" + downloadCode), false);
        }

        /** {@code {"downloadCode":"…","fileName":"…"}} */
        public static Quote file(String fileName, String downloadCode) {
            return new Quote("file", JSON.createObjectNode().put("downloadCode", downloadCode)
                    .put("fileName", fileName), false);
        }

        /** Any other shape, e.g. {@code of("interactiveCard", "{\"cardContent\":{}}")}. */
        public static Quote of(String msgType, String contentJson) {
            try {
                return new Quote(msgType, (ObjectNode) JSON.readTree(contentJson), false);
            } catch (IOException | ClassCastException e) {
                throw new IllegalArgumentException("not a JSON object: " + contentJson, e);
            }
        }

        /** The same quote with its {@code content} sent as a JSON string, as some payloads carry it. */
        public Quote asString() {
            return new Quote(msgType, content, true);
        }
    }

    private final ObjectNode root = JSON.createObjectNode();
    private final String session = "sess-" + SESSIONS.incrementAndGet();

    private BotMessages(String conversationType, String conversationId) {
        root.put("conversationId", conversationId)
                .put("chatbotCorpId", "dingcorp0001")
                .put("chatbotUserId", "$:LWCP_v1:$botBOT123")
                .put("msgId", "msg" + UUID.randomUUID().toString().replace("-", "") + "==")
                .put("senderNick", "Alice")
                .put("isAdmin", false)
                .put("senderStaffId", "user001")
                .put("senderCorpId", "dingcorp0001")
                .put("conversationType", conversationType)
                .put("senderId", "$:LWCP_v1:$aliceALI789")
                .put("robotCode", "dingrobotcode01")
                .put("senderPlatform", "Mac");
        createAt(Instant.now());
        sessionWebhookBase("http://127.0.0.1:9");
        text("hello");
    }

    /** A group message that @-mentions the bot, in "Dev team". */
    public static BotMessages group() {
        BotMessages m = new BotMessages("2", "cidGroupAAAA1111==");
        m.root.put("conversationTitle", "Dev team").put("isInAtList", true);
        m.root.putArray("atUsers").addObject().put("dingtalkId", "$:LWCP_v1:$botBOT123");
        return m;
    }

    /** A private (1:1) chat with the bot. */
    public static BotMessages privateChat() {
        return new BotMessages("1", "cidPrivBBBB2222==");
    }

    public BotMessages text(String content) {
        root.remove("content");
        root.put("msgtype", "text");
        root.putObject("text").put("content", content);
        return this;
    }

    public BotMessages richText(RichPart... parts) {
        ArrayNode items = content("richText").putArray("richText");
        for (RichPart part : parts) items.add(part.json());
        return this;
    }

    /**
     * Makes this text message a reply quoting {@code quote}: {@code text.isReplyMsg} true and {@code text.repliedMsg}
     * (quoted from Bob, a minute before this message).
     */
    public BotMessages replyingTo(Quote quote) {
        ObjectNode replied = JSON.createObjectNode().put("msgType", quote.msgType())
                .put("msgId", "msgQuoted" + SESSIONS.incrementAndGet() + "==")
                .put("senderId", "$:LWCP_v1:$bobBOB456")
                .put("createdAt", root.path("createAt").asLong() - 60_000);
        if (quote.contentAsString()) {
            replied.put("content", quote.content().toString());
        } else {
            replied.set("content", quote.content());
        }
        return repliedMsg(replied);
    }

    /** Puts {@code repliedMsg} as given into this text message, e.g. a malformed one; {@code isReplyMsg} true. */
    public BotMessages repliedMsg(JsonNode repliedMsg) {
        if (!(root.path("text") instanceof ObjectNode text)) {
            throw new IllegalStateException("a reply is a text message: call text(...) first");
        }
        text.put("isReplyMsg", true).set("repliedMsg", repliedMsg);
        return this;
    }

    public BotMessages picture(String downloadCode) {
        content("picture").put("pictureDownloadCode", "p" + downloadCode).put("downloadCode", downloadCode);
        return this;
    }

    public BotMessages audio(String recognition, String downloadCode) {
        content("audio").put("duration", "4000").put("downloadCode", downloadCode).put("recognition", recognition);
        return this;
    }

    public BotMessages file(String fileName, String downloadCode) {
        content("file").put("spaceId", "space01").put("fileName", fileName)
                .put("downloadCode", downloadCode).put("fileId", "file01");
        return this;
    }

    public BotMessages video(String downloadCode) {
        content("video").put("duration", "5").put("videoType", "mp4").put("downloadCode", downloadCode);
        return this;
    }

    /** A message type the bot cannot know, e.g. {@code interactiveCard}. */
    public BotMessages unknownType(String msgtype) {
        content(msgtype).put("unknownMsgType", "this message type is not supported here");
        return this;
    }

    public BotMessages msgId(String msgId) {
        root.put("msgId", msgId);
        return this;
    }

    /** The message time; the session webhook expires 90 minutes later, as DingTalk's do. */
    public BotMessages createAt(Instant createAt) {
        root.put("createAt", createAt.toEpochMilli());
        root.put("sessionWebhookExpiredTime", createAt.plus(Duration.ofMinutes(90)).toEpochMilli());
        return this;
    }

    /** A message written {@code age} ago, e.g. a backlog delivered after a reconnect storm. */
    public BotMessages stale(Duration age) {
        return createAt(Instant.now().minus(age));
    }

    /** Where the session webhook points, e.g. a fake OpenAPI's base URL. */
    public BotMessages sessionWebhookBase(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        root.put("sessionWebhook", base + "/robot/sendBySession?session=" + session);
        return this;
    }

    public BotMessages sender(String staffId, String nick) {
        root.put("senderStaffId", staffId).put("senderNick", nick);
        return this;
    }

    public BotMessages conversation(String conversationId, String title) {
        root.put("conversationId", conversationId);
        if (title != null) root.put("conversationTitle", title);
        return this;
    }

    public BotMessages robotCode(String robotCode) {
        root.put("robotCode", robotCode);
        return this;
    }

    /** As posted by a group's outgoing (custom) robot: robotCode "normal" and no staff id. */
    public BotMessages outgoingRobot() {
        return robotCode("normal").sender("", root.path("senderNick").asText());
    }

    /** Removes a top-level field, to build incomplete payloads. */
    public BotMessages without(String field) {
        root.remove(field);
        return this;
    }

    public String msgId() {
        return root.path("msgId").asText();
    }

    public String sessionWebhook() {
        return root.path("sessionWebhook").asText();
    }

    public String json() {
        return root.toString();
    }

    private ObjectNode content(String msgtype) {
        root.remove("text");
        root.put("msgtype", msgtype);
        return root.putObject("content");
    }
}
