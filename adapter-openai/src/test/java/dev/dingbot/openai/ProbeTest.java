package dev.dingbot.openai;

import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTest {

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_reachable_server_that_lists_the_model_probes_ok() {
        server.enqueueJson(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"},"
                + "{\"id\":\"gpt-4.1\",\"object\":\"model\",\"owned_by\":\"system\"}]}");

        try (var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            var result = provider.probe();

            assertThat(result.ok()).isTrue();
            assertThat(result.message()).contains("2 models").contains("gpt-4o-mini is listed");
        }
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/models");
    }

    @Test
    void a_rejected_key_probes_not_ok_with_the_reason() {
        server.enqueueJson(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}");

        try (var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            var result = provider.probe();

            assertThat(result.ok()).isFalse();
            assertThat(result.message()).contains("AUTH_FAILED").contains("Incorrect API key provided");
        }
    }

    @Test
    void an_unreachable_server_probes_not_ok() {
        String base = server.baseUrl();
        server.close();

        try (var provider = OpenAiProvider.create(OpenAiSettings.defaults(base, "k", "gpt-4o"))) {
            var result = provider.probe();

            assertThat(result.ok()).isFalse();
            assertThat(result.message()).startsWith("NETWORK");
        }
    }
}
