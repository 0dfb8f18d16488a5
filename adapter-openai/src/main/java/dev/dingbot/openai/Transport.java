package dev.dingbot.openai;

import dev.dingbot.core.text.Redaction;
import dev.dingbot.openai.spi.OpenAiWire;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds authenticated requests for one wire and turns failures into classified values, logging them. A failure's
 * message leaves here with what this transport authenticates with masked (the wire's credentials, the proxy's),
 * since servers and proxies echo requests back in their errors.
 */
final class Transport {

    private static final Logger log = LoggerFactory.getLogger(Transport.class);
    private static final MediaType JSON = MediaType.get("application/json");

    final OkHttpClient client;
    final OpenAiWire wire;
    private final List<String> secrets;

    Transport(OkHttpClient client, OpenAiWire wire, String proxyUrl) {
        this.client = client;
        this.wire = wire;
        List<String> known = new ArrayList<>();
        for (String value : wire.authHeaders().values()) {
            known.add(value);
            known.add(value.substring(value.indexOf(' ') + 1)); // the token of "Bearer <token>"
        }
        if (!proxyUrl.isEmpty()) known.add(ProxySpec.parse(proxyUrl).password());
        this.secrets = List.copyOf(known);
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

    /** Reads an error answer's body (never throws), classifies it and {@linkplain #reported reports} it. */
    Failure failureOf(String what, Response response) {
        String body;
        try {
            body = response.body().string();
        } catch (IOException e) {
            body = "";
        }
        return reported(what, Failure.fromHttp(response.code(), body, Retrier.retryAfter(response.headers()),
                Retrier.shouldRetry(response.headers())), response);
    }

    /** The failure with the secrets masked in its message, logged at WARN with status, code and request id. */
    Failure reported(String what, Failure failure, Response response) {
        Failure masked = failure.withMessage(Redaction.secrets(failure.message(), secrets));
        log.warn("{} failed: {}{} code={} request-id={} ({})", what,
                masked.httpStatus() > 0 ? "HTTP " + masked.httpStatus() + " " : "", masked.status(),
                masked.code().isEmpty() ? "-" : masked.code(), response == null ? "-" : requestId(response),
                masked.message());
        return masked;
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
