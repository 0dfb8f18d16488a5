package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockWebServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeDingTalkApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FakeDingTalkApi api = new FakeDingTalkApi().addApp("app", "secret");
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient http = new OkHttpClient();

    @BeforeEach
    void start() throws IOException {
        server.setDispatcher(api);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JsonNode call(String method, String path, String token, String json) throws IOException {
        Request.Builder request = new Request.Builder().url(server.url(path))
                .method(method, RequestBody.create(json, MediaType.get("application/json")));
        if (token != null) request.header("x-acs-dingtalk-access-token", token);
        try (Response response = http.newCall(request.build()).execute()) {
            return ((com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(response.body().string()))
                    .put("httpStatus", response.code());
        }
    }

    @Test
    void a_webhook_accepts_a_reply_until_its_session_expires() throws IOException {
        String body = "{\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"},\"at\":{\"atUserIds\":[\"u1\"]}}";
        String url = FakeDingTalkApi.webhookUrl(server.url("/"), "s1");

        assertThat(call("POST", url.substring(url.indexOf("/robot")), null, body).path("errcode").asInt()).isZero();
        api.expireSession("s1");
        assertThat(call("POST", url.substring(url.indexOf("/robot")), null, body).path("errcode").asInt()).isEqualTo(300001);

        assertThat(api.messages()).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("hi");
            assertThat(m.atUserIds()).containsExactly("u1");
        });
    }

    @Test
    void openapi_calls_need_an_issued_token_and_only_registered_apps_get_one() throws IOException {
        String send = "{\"robotCode\":\"app\",\"openConversationId\":\"cid\",\"msgKey\":\"sampleText\","
                + "\"msgParam\":\"{\\\"content\\\":\\\"hello\\\"}\"}";

        assertThat(call("POST", FakeDingTalkApi.GROUP_SEND, "forged", send).path("httpStatus").asInt()).isEqualTo(401);
        assertThat(call("POST", FakeDingTalkApi.TOKEN, null, "{\"appKey\":\"app\",\"appSecret\":\"bad\"}")
                .path("httpStatus").asInt()).isEqualTo(400);
        String token = call("POST", FakeDingTalkApi.TOKEN, null, "{\"appKey\":\"app\",\"appSecret\":\"secret\"}")
                .path("accessToken").asText();
        assertThat(call("POST", FakeDingTalkApi.GROUP_SEND, token, send).path("processQueryKey").asText()).isNotEmpty();

        assertThat(api.messages()).singleElement().satisfies(m -> {
            assertThat(m.via()).isEqualTo(ApiMessage.Via.GROUP);
            assertThat(m.text()).isEqualTo("hello");
        });
    }

    @Test
    void a_registered_download_code_gets_a_signed_url_serving_its_bytes_whole_chunked_or_trickling()
            throws IOException {
        String token = call("POST", FakeDingTalkApi.TOKEN, null, "{\"appKey\":\"app\",\"appSecret\":\"secret\"}")
                .path("accessToken").asText();
        byte[] bytes = new byte[3000];
        api.addDownload("whole", bytes);
        api.addDownload("chunked", bytes, FakeDingTalkApi.Serving.CHUNKED);
        api.addDownload("trickle", new byte[200], FakeDingTalkApi.Serving.TRICKLE);

        for (String code : new String[]{"whole", "chunked", "trickle"}) {
            JsonNode answer = call("POST", FakeDingTalkApi.DOWNLOAD, token,
                    "{\"downloadCode\":\"" + code + "\",\"robotCode\":\"app\"}");
            okhttp3.HttpUrl url = okhttp3.HttpUrl.get(answer.path("downloadUrl").asText());
            assertThat(url.encodedPath()).isEqualTo(FakeDingTalkApi.FILES + code);
            assertThat(url.queryParameter("Signature")).isEqualTo(FakeDingTalkApi.SIGNATURE_PREFIX + code);

            long start = System.nanoTime();
            try (Response file = http.newCall(new Request.Builder().url(url).build()).execute()) {
                assertThat(file.header("Content-Length")).as(code).isEqualTo(code.equals("whole") ? "3000" : null);
                assertThat(file.header("Transfer-Encoding")).as(code)
                        .isEqualTo(code.equals("whole") ? null : "chunked");
                assertThat(file.body().bytes()).hasSize(code.equals("trickle") ? 200 : 3000);
            }
            if (code.equals("trickle")) { // 4 chunks of 64 bytes, 100 ms apart
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            }
        }
    }

    @Test
    void an_unknown_download_code_is_refused_and_a_scripted_file_failure_answers_its_status_once()
            throws IOException {
        String token = call("POST", FakeDingTalkApi.TOKEN, null, "{\"appKey\":\"app\",\"appSecret\":\"secret\"}")
                .path("accessToken").asText();
        api.addDownload("code", new byte[]{1, 2, 3});
        api.failNext(FakeDingTalkApi.FILES + "code", 503, 1);

        assertThat(call("POST", FakeDingTalkApi.DOWNLOAD, token, "{\"downloadCode\":\"nope\",\"robotCode\":\"app\"}")
                .path("httpStatus").asInt()).isEqualTo(400);
        Request file = new Request.Builder().url(server.url(FakeDingTalkApi.FILES + "code")).build();
        try (Response first = http.newCall(file).execute(); Response second = http.newCall(file).execute()) {
            assertThat(first.code()).isEqualTo(503);
            assertThat(second.code()).isEqualTo(200);
            assertThat(second.body().bytes()).containsExactly(1, 2, 3);
        }
    }

    @Test
    void a_private_card_with_the_group_deliver_model_is_refused_like_dingtalk_does() throws IOException {
        String token = call("POST", FakeDingTalkApi.TOKEN, null, "{\"appKey\":\"app\",\"appSecret\":\"secret\"}")
                .path("accessToken").asText();
        String create = "{\"cardTemplateId\":\"t\",\"outTrackId\":\"o1\",\"openSpaceId\":\"dtv1.card//IM_ROBOT.u1\","
                + "\"imRobotOpenDeliverModel\":{\"spaceType\":\"IM_GROUP\"}}";

        JsonNode answer = call("POST", FakeDingTalkApi.CARD_CREATE, token, create);

        assertThat(answer.path("httpStatus").asInt()).isEqualTo(400);
        assertThat(answer.path("code").asText()).isEqualTo("param.spaceDeliverModelEmpty");
        assertThat(api.cards()).isEmpty();
    }

    @Test
    void waiting_for_requests_returns_them_or_times_out() throws Exception {
        call("POST", FakeDingTalkApi.TOKEN, null, "{\"appKey\":\"app\",\"appSecret\":\"secret\"}");

        assertThat(api.awaitRequests(FakeDingTalkApi.TOKEN, 1, Duration.ofSeconds(1))).hasSize(1);
        assertThatThrownBy(() -> api.awaitRequests(FakeDingTalkApi.TOKEN, 2, Duration.ofMillis(100)))
                .isInstanceOf(TimeoutException.class);
    }
}
