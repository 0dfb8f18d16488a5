package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.model.Image;
import dev.dingbot.core.model.ImageResult;
import dev.dingbot.core.port.ImageModel;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.Retrier;
import dev.dingbot.openai.spi.OpenAiWire.Endpoint;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;

/**
 * {@link ImageModel} over {@code POST /images/generations}. GPT image models always answer base64 and reject
 * {@code response_format}; DALL·E is asked for base64 too, and a {@code url} answer is downloaded at once.
 */
final class OpenAiImageModel implements ImageModel {

    private static final String WHAT = "image generation";

    private final OpenAiSettings settings;
    private final Transport transport;
    private final Retrier retrier;

    OpenAiImageModel(OpenAiSettings settings, Transport transport) {
        this.settings = settings;
        this.transport = transport;
        this.retrier = new Retrier(settings.retry());
    }

    @Override
    public ImageResult generate(String prompt, String user) {
        String body = encode(prompt, user);
        return retrier.run(WHAT, () -> attempt(body));
    }

    String encode(String prompt, String user) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (!settings.imageModel().isEmpty()) body.put("model", settings.imageModel());
        body.put("prompt", prompt);
        body.put("n", 1);
        if (!settings.imageSize().isEmpty()) body.put("size", settings.imageSize());
        if (!gptImageModel()) body.put("response_format", "b64_json");
        if (transport.wire.sendsUser() && user != null && !user.isEmpty()) body.put("user", user);
        return Json.write(body);
    }

    private boolean gptImageModel() {
        return settings.imageModel().toLowerCase(Locale.ROOT).contains("gpt-image");
    }

    private Retrier.Attempt<ImageResult, Failure> attempt(String body) {
        try (Response response = transport.send(transport.post(Endpoint.IMAGE_GENERATIONS, body, false))) {
            if (!response.isSuccessful()) return failed(transport.failureOf(WHAT, response));
            JsonNode root = Json.parseOrNull(response.body().string());
            if (root == null) return failed(Failure.of(ChatStatus.SERVER_ERROR, "the image answer is not JSON"));
            if (root.hasNonNull("error")) {
                return failed(transport.reported(WHAT, Failure.fromErrorNode(0, root.get("error")), response));
            }
            JsonNode first = root.path("data").path(0);
            byte[] bytes;
            if (first.hasNonNull("b64_json")) {
                bytes = Base64.getMimeDecoder().decode(first.get("b64_json").asText());
            } else if (first.hasNonNull("url")) {
                bytes = download(first.get("url").asText());
            } else {
                return failed(Failure.of(ChatStatus.SERVER_ERROR, "the image answer holds no image"));
            }
            Image image = Image.of(bytes);
            if (image.mediaType().equals("application/octet-stream")) {
                return failed(Failure.of(ChatStatus.SERVER_ERROR, "the image data is not PNG, JPEG, GIF or WebP"));
            }
            return Retrier.Attempt.success(new ImageResult.Generated(image));
        } catch (IOException e) {
            return failed(transport.reported(WHAT, Failure.fromIo(e), Transport.NO_REQUEST_ID));
        } catch (IllegalArgumentException e) {
            return failed(Failure.of(ChatStatus.SERVER_ERROR, "the image data is not valid base64"));
        }
    }

    /** Fetches a DALL·E result URL (valid for an hour). No API key: the URL is pre-signed and on another host. */
    private byte[] download(String url) throws IOException {
        try (Response response = transport.client.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) throw new IOException("image download answered HTTP " + response.code());
            return response.body().bytes();
        }
    }

    private static Retrier.Attempt<ImageResult, Failure> failed(Failure failure) {
        return new Retrier.Attempt<>(new ImageResult.Failed(failure.status(), failure.message()), failure, true);
    }
}
