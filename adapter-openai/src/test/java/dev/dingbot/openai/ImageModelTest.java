package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.Retry;
import dev.dingbot.testkit.openai.FakeOpenAiServer;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class ImageModelTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};

    private final FakeOpenAiServer server = FakeOpenAiServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private ImageResult generate(String imageModel) {
        try (var provider = OpenAiProvider.create(Fixtures.settings(server).toBuilder()
                .imageModel(imageModel).imageSize("1536x1024")
                .retry(Retry.none()).build())) {
            return provider.imageModel().generate("a sea otter", "user-42");
        }
    }

    private static String b64Answer(byte[] bytes) {
        return "{\"created\":1713833628,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}]}";
    }

    @Test
    void a_gpt_image_model_gets_no_response_format_and_its_base64_image_comes_back_with_its_type() {
        server.enqueueJson(200, b64Answer(PNG));

        ImageResult result = generate("gpt-image-1");

        RecordedRequest request = server.takeRequest();
        JsonNode body = Json.parseOrNull(request.getBody().utf8());
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/images/generations");
        assertThat(body.get("model").asText()).isEqualTo("gpt-image-1");
        assertThat(body.get("prompt").asText()).isEqualTo("a sea otter");
        assertThat(body.get("size").asText()).isEqualTo("1536x1024");
        assertThat(body.get("n").asInt()).isEqualTo(1);
        assertThat(body.has("response_format")).isFalse();
        assertThat(result).isInstanceOfSatisfying(ImageResult.Generated.class, g -> {
            assertThat(g.image().bytes()).isEqualTo(PNG);
            assertThat(g.image().mediaType()).isEqualTo("image/png");
        });
    }

    @Test
    void dall_e_is_asked_for_base64() {
        server.enqueueJson(200, b64Answer(JPEG));

        ImageResult result = generate("dall-e-3");

        assertThat(server.takeRequestJson().get("response_format").asText()).isEqualTo("b64_json");
        assertThat(result).isInstanceOfSatisfying(ImageResult.Generated.class,
                g -> assertThat(g.image().mediaType()).isEqualTo("image/jpeg"));
    }

    @Test
    void a_url_answer_is_downloaded_without_the_api_key() {
        String url = server.server().url("/files/otter.jpg").toString();
        server.enqueueJson(200, "{\"created\":1,\"data\":[{\"url\":\"" + url + "\",\"revised_prompt\":\"otter\"}]}")
                .enqueue(new MockResponse.Builder().setHeader("Content-Type", "image/jpeg").body(new Buffer().write(JPEG)).build());

        ImageResult result = generate("dall-e-3");

        server.takeRequest();
        RecordedRequest download = server.takeRequest();
        assertThat(download.getUrl().encodedPath()).isEqualTo("/files/otter.jpg");
        assertThat(download.getHeaders().get("Authorization")).isNull();
        assertThat(result).isInstanceOfSatisfying(ImageResult.Generated.class,
                g -> assertThat(g.image().bytes()).isEqualTo(JPEG));
    }

    @Test
    void a_moderation_block_is_content_filtered() {
        server.enqueueJson(400, "{\"error\":{\"message\":\"Your request was rejected by the safety system.\",\"type\":\"image_generation_user_error\",\"param\":null,\"code\":\"moderation_blocked\"}}");

        assertThat(generate("gpt-image-1")).isEqualTo(new ImageResult.Failed(ChatStatus.CONTENT_FILTERED,
                "Your request was rejected by the safety system."));
    }

    @Test
    void a_retired_model_is_model_not_found() {
        server.enqueueJson(404, "{\"error\":{\"message\":\"The model `dall-e-3` does not exist.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}");

        assertThat(generate("dall-e-3")).isInstanceOfSatisfying(ImageResult.Failed.class,
                f -> assertThat(f.status()).isEqualTo(ChatStatus.MODEL_NOT_FOUND));
    }

    @Test
    void data_that_is_no_known_image_is_a_failure_not_an_image() {
        server.enqueueJson(200, b64Answer("not an image".getBytes()));

        assertThat(generate("gpt-image-1")).isInstanceOf(ImageResult.Failed.class);
    }

    @Test
    void an_answer_without_image_data_is_a_failure() {
        server.enqueueJson(200, "{\"created\":1,\"data\":[]}");

        assertThat(generate("gpt-image-1")).isInstanceOf(ImageResult.Failed.class);
    }
}
