package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /** One part of a rich-text message: a text run or a picture. */
    public record RichPart(String text, String downloadCode) {
        public static RichPart text(String text) {
            return new RichPart(text, null);
        }

        public static RichPart picture(String downloadCode) {
            return new RichPart(null, downloadCode);
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
        for (RichPart part : parts) {
            if (part.text() != null) {
                items.addObject().put("text", part.text());
            } else {
                items.addObject().put("pictureDownloadCode", "p" + part.downloadCode())
                        .put("downloadCode", part.downloadCode()).put("type", "picture");
            }
        }
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
