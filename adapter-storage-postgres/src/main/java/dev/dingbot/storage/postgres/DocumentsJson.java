package dev.dingbot.storage.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.dingbot.core.model.DocumentText;

import java.util.ArrayList;
import java.util.List;

/** A session's documents as the JSON array of {@code sessions.documents}, field by field. */
final class DocumentsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DocumentsJson() {
    }

    static String write(List<DocumentText> documents) {
        ArrayNode json = MAPPER.createArrayNode();
        for (DocumentText d : documents) {
            json.addObject().put("fileName", d.fileName()).put("kind", d.kind()).put("text", d.text())
                    .put("pages", d.pages()).put("sheets", d.sheets()).put("cut", d.cut());
        }
        return json.toString();
    }

    static List<DocumentText> read(String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a session's documents are not JSON: " + e.getOriginalMessage(), e);
        }
        List<DocumentText> documents = new ArrayList<>();
        for (JsonNode d : json) {
            documents.add(DocumentText.read(d.path("fileName").asText(), d.path("kind").asText(),
                    d.path("text").asText(), d.path("pages").asInt(), d.path("sheets").asInt(), d.path("cut").asBoolean()));
        }
        return documents;
    }
}
