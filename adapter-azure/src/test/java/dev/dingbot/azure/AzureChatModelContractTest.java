package dev.dingbot.azure;

import dev.dingbot.core.contract.ChatModelContract;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

class AzureChatModelContractTest extends ChatModelContract {

    private final FakeOpenAiServer server = FakeOpenAiServer.start().defaultAnswer(ANSWER, 3, Duration.ZERO, Duration.ZERO);
    private AzureProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) provider.close();
        server.close();
    }

    @Override
    protected ChatModel answeringHelloWorld() {
        provider = AzureProvider.create(AzureProviderTest.settings(server));
        return provider.chatModel();
    }

    @Override
    protected ChatModel failing() {
        for (int i = 0; i < 3; i++) {
            server.enqueueJson(401, "{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key.\"}}");
        }
        provider = AzureProvider.create(AzureProviderTest.settings(server));
        return provider.chatModel();
    }
}
