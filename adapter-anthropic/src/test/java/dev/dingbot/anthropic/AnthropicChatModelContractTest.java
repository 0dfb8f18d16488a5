package dev.dingbot.anthropic;

import dev.dingbot.core.contract.ChatModelContract;
import dev.dingbot.core.port.ChatModel;
import dev.dingbot.testkit.anthropic.FakeAnthropicServer;
import org.junit.jupiter.api.AfterEach;

class AnthropicChatModelContractTest extends ChatModelContract {

    private final FakeAnthropicServer server = FakeAnthropicServer.start().defaultAnswer(ANSWER, 3);
    private AnthropicProvider provider;

    @AfterEach
    void stop() {
        if (provider != null) provider.close();
        server.close();
    }

    @Override
    protected ChatModel answeringHelloWorld() {
        provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build());
        return provider.chatModel();
    }

    @Override
    protected ChatModel failing() {
        for (int i = 0; i < 3; i++) server.enqueueError(529, "overloaded_error", "Overloaded");
        provider = AnthropicProvider.create(AnthropicFixtures.settings(server).build());
        return provider.chatModel();
    }
}
