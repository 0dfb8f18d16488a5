package dev.dingbot.openai;

import dev.dingbot.modelhttp.Timeouts;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

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
    void a_closed_port_probes_as_refused_naming_host_and_port() {
        String base = server.baseUrl();
        int port = server.server().getPort();
        server.close();

        try (var provider = OpenAiProvider.create(OpenAiSettings.defaults(base, "k", "gpt-4o"))) {
            var result = provider.probe();

            assertThat(result.outcome()).isEqualTo(OpenAiProvider.ProbeResult.Outcome.REFUSED);
            assertThat(result.message()).contains("connection refused at", ":" + port, "nothing listens there");
        }
    }

    @Test
    void a_server_that_does_not_answer_in_time_probes_as_unreachable_not_refused() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String base = "http://127.0.0.1:" + silent.getLocalPort() + "/v1";
            OpenAiSettings settings = OpenAiSettings.builder(base, "k", "gpt-4o").timeouts(
                    new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(2))).build();

            try (var provider = OpenAiProvider.create(settings)) {
                var result = provider.probe();

                assertThat(result.outcome()).isEqualTo(OpenAiProvider.ProbeResult.Outcome.UNREACHABLE);
                // okio says "timeout", the socket "Read timed out": which one depends on where the wait ended
                assertThat(result.message()).contains("127.0.0.1 not reachable").containsPattern("(?i)time(d )?out");
            }
        }
    }

    @Test
    void the_probe_gives_the_listed_model_ids() {
        server.enqueueJson(200, "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\"},{\"id\":\"gpt-4.1\"}]}");

        try (var provider = OpenAiProvider.create(Fixtures.settings(server))) {
            assertThat(provider.probe().models()).containsExactly("gpt-4o-mini", "gpt-4.1");
        }
    }
}
