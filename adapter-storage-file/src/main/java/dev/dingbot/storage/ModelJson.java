package dev.dingbot.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.DocumentText;
import dev.dingbot.core.model.HistoryEntry;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.Mode;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Role;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.model.Session;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Core values to and from one-line JSON, field by field, so the files keep their shape whatever the records
 * become. Readers fail loudly on a missing field; callers skip such a line with a warning.
 */
final class ModelJson {

    /** Buffers from the pool all threads share, as the model adapters' mapper: a set per lane thread adds up. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

    private ModelJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String line(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String line) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject()) throw new IllegalArgumentException("not a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) throw new IllegalArgumentException("no text field " + field);
        return value.asText();
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) throw new IllegalArgumentException("no number field " + field);
        return value.asLong();
    }

    static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }

    static ObjectNode session(Session session) {
        ObjectNode out = object();
        out.put("mode", session.mode().name());
        ArrayNode turns = out.putArray("context");
        for (ChatTurn turn : session.context()) {
            turns.addObject().put("role", turn.role().name()).put("text", turn.text());
        }
        out.put("lastAnswerId", session.lastAnswerId());
        out.put("updatedAt", session.updatedAt().toString());
        if (!session.documents().isEmpty()) {
            ArrayNode documents = out.putArray("documents");
            for (DocumentText d : session.documents()) {
                documents.addObject().put("fileName", d.fileName()).put("kind", d.kind()).put("text", d.text())
                        .put("pages", d.pages()).put("sheets", d.sheets()).put("cut", d.cut());
            }
        }
        if (!session.model().isEmpty()) out.put("model", session.model());
        return out;
    }

    static Session session(JsonNode in) {
        List<ChatTurn> turns = new ArrayList<>();
        for (JsonNode turn : in.path("context")) {
            turns.add(new ChatTurn(Role.valueOf(text(turn, "role")), text(turn, "text"), List.of()));
        }
        List<DocumentText> documents = new ArrayList<>(); // absent in sessions saved before documents were kept
        for (JsonNode d : in.path("documents")) {
            documents.add(DocumentText.read(text(d, "fileName"), text(d, "kind"), text(d, "text"),
                    d.path("pages").asInt(), d.path("sheets").asInt(), d.path("cut").asBoolean()));
        }
        return new Session(Mode.valueOf(text(in, "mode")), turns, number(in, "lastAnswerId"), instant(in, "updatedAt"),
                documents, in.path("model").asText("")); // no model in sessions saved before models could be chosen
    }

    static ObjectNode history(HistoryEntry e) {
        return object().put("id", e.id()).put("at", e.at().toString()).put("kind", e.kind().name())
                .put("parentId", e.parentId()).put("nick", e.userNick()).put("staffId", e.staffId())
                .put("chat", e.chatTitle()).put("content", e.content());
    }

    static HistoryEntry history(JsonNode in) {
        return new HistoryEntry(number(in, "id"), instant(in, "at"), HistoryEntry.Kind.valueOf(text(in, "kind")),
                number(in, "parentId"), text(in, "nick"), text(in, "staffId"), text(in, "chat"), text(in, "content"));
    }

    static ObjectNode message(IncomingMessage m) {
        ObjectNode out = object().put("msgId", m.msgId()).put("appId", m.appId()).put("chatKind", m.chatKind().name())
                .put("conversationId", m.conversationId()).put("conversationTitle", m.conversationTitle());
        out.putObject("sender").put("staffId", m.sender().staffId()).put("nick", m.sender().nick())
                .put("id", m.sender().id());
        out.put("type", m.type().name()).put("text", m.text());
        attachments(out.putArray("attachments"), m.attachments());
        if (!m.quoted().equals(QuotedMessage.NONE)) {
            ObjectNode quoted = out.putObject("quoted").put("type", m.quoted().type().name())
                    .put("text", m.quoted().text());
            attachments(quoted.putArray("attachments"), m.quoted().attachments());
        }
        out.put("createdAt", m.createdAt().toString());
        ObjectNode route = out.putObject("route");
        new TreeMap<>(m.route()).forEach(route::put);
        return out;
    }

    static IncomingMessage message(JsonNode in) {
        JsonNode s = in.path("sender");
        JsonNode q = in.get("quoted"); // absent in lines written before quotes were kept, and for no quote
        QuotedMessage quoted = q == null ? QuotedMessage.NONE
                : new QuotedMessage(MessageType.valueOf(text(q, "type")), text(q, "text"), attachments(q));
        Map<String, String> route = new LinkedHashMap<>();
        in.path("route").properties().forEach(f -> route.put(f.getKey(), f.getValue().asText()));
        return new IncomingMessage(text(in, "msgId"), text(in, "appId"), ChatKind.valueOf(text(in, "chatKind")),
                text(in, "conversationId"), text(in, "conversationTitle"),
                new Sender(text(s, "staffId"), text(s, "nick"), text(s, "id")),
                MessageType.valueOf(text(in, "type")), text(in, "text"), attachments(in), quoted, instant(in, "createdAt"),
                route);
    }

    private static void attachments(ArrayNode out, List<Attachment> attachments) {
        for (Attachment a : attachments) {
            out.addObject().put("kind", a.kind().name()).put("downloadCode", a.downloadCode())
                    .put("fileName", a.fileName());
        }
    }

    private static List<Attachment> attachments(JsonNode in) {
        List<Attachment> attachments = new ArrayList<>();
        for (JsonNode a : in.path("attachments")) {
            attachments.add(new Attachment(Attachment.Kind.valueOf(text(a, "kind")), text(a, "downloadCode"),
                    text(a, "fileName")));
        }
        return attachments;
    }
}
