package dev.dingbot.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import dev.dingbot.core.model.Image;

import java.util.Base64;
import java.util.Locale;

/** Encodes a chat request as the JSON body of {@code POST /chat/completions}. */
final class ChatBodies {

    private final OpenAiSettings settings;
    private final boolean sendUser;

    ChatBodies(OpenAiSettings settings, boolean sendUser) {
        this.settings = settings;
        this.sendUser = sendUser;
    }

    String encode(ChatRequest request, boolean stream) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatTurn turn : request.turns()) {
            ObjectNode message = messages.addObject();
            message.put("role", turn.role().name().toLowerCase(Locale.ROOT));
            if (turn.images().isEmpty()) {
                message.put("content", turn.text());
            } else {
                ArrayNode parts = message.putArray("content");
                if (!turn.text().isEmpty()) parts.addObject().put("type", "text").put("text", turn.text());
                for (Image image : turn.images()) {
                    parts.addObject().put("type", "image_url").putObject("image_url").put("url", dataUrl(image));
                }
            }
        }
        boolean reasoning = settings.reasoningFamily();
        if (settings.temperature() != null && !reasoning) body.put("temperature", settings.temperature());
        if (request.maxAnswerTokens() > 0) body.put(maxTokensField(reasoning), request.maxAnswerTokens());
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        if (sendUser && !request.user().isEmpty()) body.put("user", request.user());
        return Json.write(body);
    }

    private String maxTokensField(boolean reasoning) {
        return switch (settings.maxTokensField()) {
            case MAX_TOKENS -> "max_tokens";
            case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
            case AUTO -> reasoning ? "max_completion_tokens" : "max_tokens";
        };
    }

    private static String dataUrl(Image image) {
        return "data:" + image.mediaType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes());
    }
}
