package dev.dingbot.storage.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link IncomingMessage} as the JSON of {@code inbox_messages.message}, field by field, so that the column keeps
 * its shape whatever the record becomes and rows written by an older instance still read.
 */
final class MessageJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MessageJson() {
    }

    static String write(IncomingMessage m) {
        ObjectNode json = MAPPER.createObjectNode()
                .put("msgId", m.msgId())
                .put("appId", m.appId())
                .put("chatKind", m.chatKind().name())
                .put("conversationId", m.conversationId())
                .put("conversationTitle", m.conversationTitle())
                .put("type", m.type().name())
                .put("text", m.text())
                .put("createdAt", m.createdAt().toString());
        json.putObject("sender")
                .put("staffId", m.sender().staffId())
                .put("nick", m.sender().nick())
                .put("id", m.sender().id());
        writeAttachments(json, m.attachments());
        if (!m.quoted().equals(QuotedMessage.NONE)) {
            ObjectNode quoted = json.putObject("quoted")
                    .put("type", m.quoted().type().name())
                    .put("text", m.quoted().text());
            writeAttachments(quoted, m.quoted().attachments());
        }
        ObjectNode route = json.putObject("route");
        m.route().forEach(route::put);
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write message " + m.msgId() + " as JSON", e);
        }
    }

    static IncomingMessage read(String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a stored message is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode sender = json.path("sender");
        JsonNode q = json.get("quoted"); // absent in rows written before quotes were kept, and for no quote
        QuotedMessage quoted = q == null ? QuotedMessage.NONE : new QuotedMessage(
                MessageType.valueOf(q.path("type").asText()), q.path("text").asText(), readAttachments(q));
        Map<String, String> route = new HashMap<>();
        json.path("route").properties().forEach(e -> route.put(e.getKey(), e.getValue().asText()));
        return new IncomingMessage(json.path("msgId").asText(), json.path("appId").asText(),
                ChatKind.valueOf(json.path("chatKind").asText()), json.path("conversationId").asText(),
                json.path("conversationTitle").asText(),
                new Sender(sender.path("staffId").asText(), sender.path("nick").asText(), sender.path("id").asText()),
                MessageType.valueOf(json.path("type").asText()), json.path("text").asText(), readAttachments(json),
                quoted, Instant.parse(json.path("createdAt").asText()), route);
    }

    private static void writeAttachments(ObjectNode owner, List<Attachment> attachments) {
        attachments.forEach(a -> owner.withArray("attachments").addObject()
                .put("kind", a.kind().name())
                .put("downloadCode", a.downloadCode())
                .put("fileName", a.fileName()));
    }

    private static List<Attachment> readAttachments(JsonNode owner) {
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : owner.path("attachments")) {
            attachments.add(new Attachment(Attachment.Kind.valueOf(a.path("kind").asText()),
                    a.path("downloadCode").asText(), a.path("fileName").asText()));
        }
        return attachments;
    }
}
