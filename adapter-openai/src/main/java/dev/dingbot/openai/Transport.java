package dev.dingbot.openai;

import dev.dingbot.openai.spi.OpenAiWire;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Builds authenticated requests for one wire and turns HTTP failures into classified values, logging them. */
final class Transport {

    private static final Logger log = LoggerFactory.getLogger(Transport.class);
    private static final MediaType JSON = MediaType.get("application/json");

    final OkHttpClient client;
    final OpenAiWire wire;

    Transport(OkHttpClient client, OpenAiWire wire) {
        this.client = client;
        this.wire = wire;
    }

    Request post(OpenAiWire.Endpoint endpoint, String json, boolean stream) {
        var builder = new Request.Builder().url(wire.url(endpoint)).post(RequestBody.create(json, JSON));
        if (stream) builder.header("Accept", "text/event-stream");
        wire.authHeaders().forEach(builder::header);
        return builder.build();
    }

    Request get(OpenAiWire.Endpoint endpoint) {
        var builder = new Request.Builder().url(wire.url(endpoint)).get();
        wire.authHeaders().forEach(builder::header);
        return builder.build();
    }

    /** Reads an error answer's body (never throws) and classifies it; logs status, code and request id at WARN. */
    static Failure failureOf(String what, Response response) {
        String body;
        try {
            body = response.body().string();
        } catch (IOException e) {
            body = "";
        }
        Failure failure = Failure.fromHttp(response.code(), body, Retrier.retryAfter(response.headers()),
                Retrier.shouldRetry(response.headers()));
        log.warn("{} failed: HTTP {} {} code={} request-id={}", what, response.code(), failure.status(),
                failure.code().isEmpty() ? "-" : failure.code(), requestId(response));
        return failure;
    }

    static void logFailure(String what, Failure failure, Response response) {
        log.warn("{} failed: {} code={} request-id={} ({})", what, failure.status(),
                failure.code().isEmpty() ? "-" : failure.code(), response == null ? "-" : requestId(response),
                failure.message());
    }

    static String requestId(Response response) {
        String id = response.header("x-request-id");
        if (id == null) id = response.header("apim-request-id");
        return id == null ? "-" : id;
    }

    static boolean isJson(Response response) {
        String type = response.header("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).contains("json");
    }
}
