package dev.dingbot.openai;

import dev.dingbot.core.contract.BalanceSourceContract;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;

class DeepSeekBalanceContractTest extends BalanceSourceContract {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();
    private final OpenAiProvider provider = OpenAiProvider.create(Fixtures.settings(server, "deepseek-chat")
            .toBuilder().balanceApi(OpenAiSettings.BalanceApi.DEEPSEEK).build());

    @AfterEach
    void close() {
        provider.close();
        server.close();
    }

    @Override
    protected BalanceSource reporting() {
        server.enqueueJson(200, "{\"is_available\":true,\"balance_infos\":[{\"currency\":\"CNY\","
                + "\"total_balance\":\"12.50\",\"granted_balance\":\"0.00\",\"topped_up_balance\":\"12.50\"}]}");
        return provider.balanceSource();
    }

    @Override
    protected BalanceSource failing() {
        server.enqueueJson(401, "{\"error\":{\"message\":\"Authentication Fails\",\"type\":\"authentication_error\"}}");
        return provider.balanceSource();
    }
}
