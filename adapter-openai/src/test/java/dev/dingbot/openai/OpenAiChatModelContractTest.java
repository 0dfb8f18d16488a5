package dev.dingbot.openai;

import dev.dingbot.core.contract.ChatModelContract;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

class OpenAiChatModelContractTest extends ChatModelContract {

    private final FakeOpenAiServer server = FakeOpenAiServer.start().defaultAnswer(ANSWER, 3, Duration.ZERO, Duration.ZERO);
    private OpenAiProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) provider.close();
        server.close();
    }

    @Override
    protected ChatModel answeringHelloWorld() {
        provider = OpenAiProvider.create(Fixtures.settings(server));
        return provider.chatModel();
    }

    @Override
    protected ChatModel failing() {
        for (int i = 0; i < 3; i++) {
            server.enqueueJson(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}");
        }
        provider = OpenAiProvider.create(Fixtures.settings(server));
        return provider.chatModel();
    }
}
