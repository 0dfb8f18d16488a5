package dev.dingbot.openai;

import dev.dingbot.core.model.ChatRequest;
import dev.dingbot.core.model.ChatTurn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatBodiesTest {

    private final ChatBodies bodies = new ChatBodies(OpenAiSettings.builder("http://127.0.0.1:1/v1", "k", "gpt-4o-mini")
            .temperature(0.5).build(), true);

    @Test
    void a_request_without_tools_is_encoded_byte_for_byte_as_before_tools_existed() {
        var request = new ChatRequest(List.of(ChatTurn.system("sys"), ChatTurn.user("q1"), ChatTurn.assistant("a1"),
                ChatTurn.user("q2")), "user-42", 100);

        assertThat(bodies.encode(request, true)).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"q1\"},"
                + "{\"role\":\"assistant\",\"content\":\"a1\"},{\"role\":\"user\",\"content\":\"q2\"}],"
                + "\"temperature\":0.5,\"max_tokens\":100,\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"user\":\"user-42\"}");
        assertThat(bodies.encode(request, false)).isEqualTo("{\"model\":\"gpt-4o-mini\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"q1\"},"
                + "{\"role\":\"assistant\",\"content\":\"a1\"},{\"role\":\"user\",\"content\":\"q2\"}],"
                + "\"temperature\":0.5,\"max_tokens\":100,\"user\":\"user-42\"}");
    }
}
