package dev.dingbot.app.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.RecordedRequest;

import java.util.ArrayList;
import java.util.List;

/** What the fake model was asked, read as a test of tool calls needs it. */
final class ModelRequests {

    private ModelRequests() {
    }

    /** The chat requests the fake model received since the last look, as JSON bodies, oldest first. */
    static List<JsonNode> chatRequests(FakeOpenAiServer model) {
        List<JsonNode> bodies = new ArrayList<>();
        RecordedRequest request;
        while ((request = model.takeRequest()) != null) {
            if (request.getUrl().encodedPath().endsWith("/chat/completions")) bodies.add(FakeOpenAiServer.json(request));
        }
        return bodies;
    }

    /** The names of the tools a request offered. */
    static List<String> toolNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }

    /** The {@code tool} messages of a request, in their order. */
    static List<JsonNode> toolMessages(JsonNode body) {
        List<JsonNode> tools = new ArrayList<>();
        body.path("messages").forEach(m -> {
            if (m.path("role").asText().equals("tool")) tools.add(m);
        });
        return tools;
    }
}
