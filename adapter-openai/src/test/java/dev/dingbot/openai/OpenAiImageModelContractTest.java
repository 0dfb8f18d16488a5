package dev.dingbot.openai;

import dev.dingbot.core.contract.ImageModelContract;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import dev.dingbot.testkit.openai.OpenAiJson;
import org.junit.jupiter.api.AfterEach;

class OpenAiImageModelContractTest extends ImageModelContract {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server));

    @AfterEach
    void close() {
        provider.close();
        server.close();
    }

    @Override
    protected ImageModel drawing() {
        return provider.imageModel();
    }

    @Override
    protected ImageModel refusing() {
        server.enqueueJson(400, OpenAiJson.error("Your request was rejected by the safety system.",
                "image_generation_user_error", "moderation_blocked"));
        return provider.imageModel();
    }
}
