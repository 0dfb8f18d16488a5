package dev.dingbot.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message from a chat, already mapped out of the channel's wire format. Plain data only, so an
 * {@link dev.dingbot.core.port.Inbox} can journal it and answer it after a restart.
 *
 * @param msgId            the channel's message id, stable across redeliveries (DingTalk payload msgId)
 * @param appId            which configured app received it (DingTalk robotCode / clientId), may be empty
 * @param conversationTitle group name; empty in private chats
 * @param text             the user's words: text content, joined rich-text parts, or a voice recognition
 * @param attachments      the pictures, files and other media that came with it, by reference
 * @param quoted           the earlier message this one quotes (a reply to it); {@link QuotedMessage#NONE} if none
 * @param route            opaque to core: what the channel needs to reply to this message later
 *                         (webhook address, its expiry, robot code)
 */
public record IncomingMessage(
        String msgId,
        String appId,
        ChatKind chatKind,
        String conversationId,
        String conversationTitle,
        Sender sender,
        MessageType type,
        String text,
        List<Attachment> attachments,
        QuotedMessage quoted,
        Instant createdAt,
        Map<String, String> route) {

    public IncomingMessage {
        msgId = Objects.requireNonNullElse(msgId, "");
        appId = Objects.requireNonNullElse(appId, "");
        Objects.requireNonNull(chatKind, "chatKind");
        conversationId = Objects.requireNonNullElse(conversationId, "");
        conversationTitle = Objects.requireNonNullElse(conversationTitle, "");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(type, "type");
        text = Objects.requireNonNullElse(text, "");
        attachments = List.copyOf(Objects.requireNonNullElse(attachments, List.of()));
        quoted = Objects.requireNonNullElse(quoted, QuotedMessage.NONE);
        Objects.requireNonNull(createdAt, "createdAt");
        route = Map.copyOf(Objects.requireNonNullElse(route, Map.of()));
    }

    public boolean inGroup() {
        return chatKind == ChatKind.GROUP;
    }

    /** The original's "chat title": the group name, or {@code <nick>_私聊} in a private chat. */
    public String chatTitle() {
        return conversationTitle.isEmpty() ? sender.nick() + "_私聊" : conversationTitle;
    }

    /** Mode and context belong to one sender in one conversation. */
    public String laneKey() {
        return conversationId + "/" + sender.identifier();
    }

    public List<Attachment> pictures() {
        return ofKind(Attachment.Kind.PICTURE);
    }

    /** The documents that came with the message (not those of a quote: see {@link #quoted()}). */
    public List<Attachment> files() {
        return ofKind(Attachment.Kind.FILE);
    }

    private List<Attachment> ofKind(Attachment.Kind kind) {
        return attachments.stream().filter(a -> a.kind() == kind).toList();
    }
}
