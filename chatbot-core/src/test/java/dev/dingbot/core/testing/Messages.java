package dev.dingbot.core.testing;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A small DSL for incoming messages: {@code aGroupMessage().from(ALICE).saying("串聊").at(now)}. */
public final class Messages {

    public static final Sender ALICE = new Sender("alice01", "Alice", "$:alice");
    public static final Sender BOB = new Sender("bob02", "Bob", "$:bob");
    /** An outgoing-robot sender: no staff id. */
    public static final Sender NICK_ONLY = new Sender("", "Carol", "$:carol");

    private static final AtomicInteger ids = new AtomicInteger();

    private ChatKind kind;
    private String conversationId;
    private String title;
    private Sender sender = ALICE;
    private MessageType type = MessageType.TEXT;
    private String text = "";
    private final List<Attachment> attachments = new ArrayList<>();
    private QuotedMessage quoted = QuotedMessage.NONE;
    private Instant createdAt = Instant.parse("2026-11-24T02:00:00Z");
    private String msgId = "msg-" + ids.incrementAndGet();

    private Messages(ChatKind kind, String conversationId, String title) {
        this.kind = kind;
        this.conversationId = conversationId;
        this.title = title;
    }

    public static Messages aGroupMessage() {
        return new Messages(ChatKind.GROUP, "cidGroup1", "Dev team");
    }

    public static Messages aPrivateMessage() {
        return new Messages(ChatKind.PRIVATE, "cidPrivate1", "");
    }

    public Messages inGroup(String id) { this.conversationId = id; return this; }
    public Messages titled(String value) { this.title = value; return this; }
    public Messages from(Sender value) { this.sender = value; return this; }
    public Messages saying(String value) { this.text = value; return this; }
    public Messages ofType(MessageType value) { this.type = value; return this; }
    public Messages withPicture(String downloadCode) { attachments.add(Attachment.picture(downloadCode)); return this; }
    public Messages withFile(String downloadCode, String fileName) {
        attachments.add(Attachment.file(downloadCode, fileName));
        return this;
    }
    public Messages quoting(QuotedMessage value) { this.quoted = value; return this; }
    public Messages at(Instant value) { this.createdAt = value; return this; }
    public Messages withId(String value) { this.msgId = value; return this; }

    public IncomingMessage build() {
        return new IncomingMessage(msgId, "app1", kind, conversationId, title, sender, type, text, attachments,
                quoted, createdAt, Map.of("sessionWebhook", "https://oapi.example/robot/sendBySession?session=1"));
    }
}
