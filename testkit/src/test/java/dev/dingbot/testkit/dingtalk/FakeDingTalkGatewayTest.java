package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeDingTalkGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OkHttpClient http = new OkHttpClient();

    private Response post(FakeDingTalkGateway gateway, String path, String body) throws IOException {
        return http.newCall(new Request.Builder().url(gateway.apiBaseUrl() + path)
                .post(RequestBody.create(body, MediaType.get("application/json"))).build()).execute();
    }

    @Test
    void every_open_connection_call_is_recorded_and_gets_a_fresh_ticket_and_a_wss_endpoint_with_port()
            throws IOException {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            String body = "{\"clientId\":\"app1\",\"clientSecret\":\"s\"}";
            JsonNode first;
            JsonNode second;
            try (Response r = post(gateway, FakeDingTalkGateway.OPEN_CONNECTION_PATH, body)) {
                assertThat(r.code()).isEqualTo(200);
                first = JSON.readTree(r.body().string());
            }
            try (Response r = post(gateway, FakeDingTalkGateway.OPEN_CONNECTION_PATH, body)) {
                second = JSON.readTree(r.body().string());
            }

            assertThat(first.path("endpoint").asText())
                    .isEqualTo("wss://127.0.0.1:" + gateway.webSocketPort() + "/connect");
            assertThat(first.path("ticket").asText()).isNotBlank().isNotEqualTo(second.path("ticket").asText());
            assertThat(gateway.openConnectionCalls()).isEqualTo(2);
            assertThat(gateway.openConnectionBodies()).containsExactly(body, body);
        }
    }

    @Test
    void refused_open_connection_calls_get_403_and_later_ones_succeed() throws IOException {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            gateway.refuseOpenConnection(1);

            try (Response r = post(gateway, FakeDingTalkGateway.OPEN_CONNECTION_PATH, "{}")) {
                assertThat(r.code()).isEqualTo(403);
            }
            try (Response r = post(gateway, FakeDingTalkGateway.OPEN_CONNECTION_PATH, "{}")) {
                assertThat(r.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void an_app_secret_the_gateway_does_not_know_gets_401_auth_failed_as_from_dingtalk() throws IOException {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway()
                .acceptOnly((id, secret) -> id.equals("app1") && secret.equals("right")).start()) {
            try (Response r = post(gateway, FakeDingTalkGateway.OPEN_CONNECTION_PATH,
                    "{\"clientId\":\"app1\",\"clientSecret\":\"wrong\"}")) {
                assertThat(r.code()).isEqualTo(401);
                JsonNode error = JSON.readTree(r.body().string());
                assertThat(error.path("code").asText()).isEqualTo("authFailed");
                assertThat(error.path("message").asText()).isEqualTo("鉴权失败");
            }
            try (Response r = post(gateway, FakeDingTalkGateway.OPEN_CONNECTION_PATH,
                    "{\"clientId\":\"app1\",\"clientSecret\":\"right\"}")) {
                assertThat(r.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void an_unreachable_gateway_closes_open_connection_calls_without_an_answer_until_it_is_back() throws IOException {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            gateway.unreachable(true);
            OkHttpClient noRetry = http.newBuilder().retryOnConnectionFailure(false).build();
            Request open = new Request.Builder().url(gateway.apiBaseUrl() + FakeDingTalkGateway.OPEN_CONNECTION_PATH)
                    .post(RequestBody.create("{}", MediaType.get("application/json"))).build();

            assertThatThrownBy(() -> noRetry.newCall(open).execute().close()).isInstanceOf(IOException.class);

            gateway.unreachable(false);
            try (Response r = noRetry.newCall(open).execute()) {
                assertThat(r.code()).isEqualTo(200);
            }
        }
    }

    @Test
    void other_paths_go_to_the_callers_dispatcher_and_without_one_get_404() throws IOException {
        Dispatcher api = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).body("served " + request.getUrl().encodedPath()).build();
            }
        };
        try (FakeDingTalkGateway withApi = new FakeDingTalkGateway(api).start();
             FakeDingTalkGateway bare = new FakeDingTalkGateway().start()) {
            try (Response r = post(withApi, "/v1.0/oauth2/accessToken", "{}")) {
                assertThat(r.body().string()).isEqualTo("served /v1.0/oauth2/accessToken");
            }
            try (Response r = post(bare, "/v1.0/oauth2/accessToken", "{}")) {
                assertThat(r.code()).isEqualTo(404);
            }
            assertThat(withApi.openConnectionCalls()).isZero();
        }
    }

    @Test
    void pushing_without_a_connected_client_fails_loudly() {
        try (FakeDingTalkGateway gateway = new FakeDingTalkGateway().start()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> gateway.pushBotMessage("{}"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("no open stream connection");
        }
    }
}
