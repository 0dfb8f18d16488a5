package dev.dingbot.storage.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
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
        m.attachments().forEach(a -> json.withArray("attachments").addObject()
                .put("kind", a.kind().name())
                .put("downloadCode", a.downloadCode())
                .put("fileName", a.fileName()));
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
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : json.path("attachments")) {
            attachments.add(new Attachment(Attachment.Kind.valueOf(a.path("kind").asText()),
                    a.path("downloadCode").asText(), a.path("fileName").asText()));
        }
        Map<String, String> route = new HashMap<>();
        json.path("route").properties().forEach(e -> route.put(e.getKey(), e.getValue().asText()));
        return new IncomingMessage(json.path("msgId").asText(), json.path("appId").asText(),
                ChatKind.valueOf(json.path("chatKind").asText()), json.path("conversationId").asText(),
                json.path("conversationTitle").asText(),
                new Sender(sender.path("staffId").asText(), sender.path("nick").asText(), sender.path("id").asText()),
                MessageType.valueOf(json.path("type").asText()), json.path("text").asText(), attachments,
                Instant.parse(json.path("createdAt").asText()), route);
    }
}
