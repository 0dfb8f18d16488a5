package dev.dingbot.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * JSON calls to DingTalk with retries of transient failures (I/O errors, timeouts, 5xx). Logs name the path only:
 * query strings carry access tokens.
 */
final class OpenApiHttp {
    private static final Logger LOG = LoggerFactory.getLogger(OpenApiHttp.class);
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final int MAX_BODY_BYTES = 1 << 20;

    /**
     * A response as status plus parsed body; status -1 when no response came, with the reason in {@code failure},
     * and {@code refused} when the connection was refused (nothing listens there) rather than not made at all.
     */
    record Answer(int status, JsonNode body, String failure, boolean refused) {
        Answer(int status, JsonNode body) {
            this(status, body, "", false);
        }

        static Answer unreachable() {
            return unreachable("");
        }

        static Answer unreachable(String failure) {
            return new Answer(-1, MissingNode.getInstance(), failure, false);
        }

        /** Nothing listened at the host's port, as opposed to a host not reached at all (DNS, route, timeout). */
        static Answer refusedConnection(String failure) {
            return new Answer(-1, MissingNode.getInstance(), failure, true);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean transientFailure() {
            return status < 0 || status >= 500;
        }

        /** The new API's error code, e.g. {@code Forbidden.AccessDenied.QpsLimitForApi}. */
        String code() {
            return body.path("code").asText("");
        }
    }

    /**
     * Its parse and write buffers come from one pool shared by all threads, not a set per thread: every answer's
     * thread posts through here, and per-thread sets cost ~30 KB of heap per concurrent answer.
     */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());

    private final OkHttpClient http;
    private final int retries;
    private final Duration backoff;

    OpenApiHttp(OkHttpClient http, int retries, Duration backoff) {
        this.http = http;
        this.retries = Math.max(0, retries);
        this.backoff = backoff;
    }

    ObjectNode object() {
        return JSON.createObjectNode();
    }

    RequestBody body(Object value) {
        try {
            return RequestBody.create(JSON.writeValueAsString(value), JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    String string(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON", e);
        }
    }

    /** Calls, and on a transient failure calls again (a fresh request each time) up to the configured retries. */
    Answer call(Supplier<Request> request) {
        Answer answer = once(request.get());
        for (int attempt = 0; attempt < retries && answer.transientFailure(); attempt++) {
            if (!pause(backoff.multipliedBy(1L << attempt))) break;
            answer = once(request.get());
        }
        return answer;
    }

    Answer once(Request request) {
        Answer answer = exchange(request);
        if (answer.status() < 0) {
            LOG.warn("DingTalk {} {} failed: {}", request.method(), request.url().encodedPath(), answer.failure());
        } else if (!answer.ok()) {
            LOG.warn("DingTalk {} {} answered HTTP {} {}", request.method(), request.url().encodedPath(),
                    answer.status(), answer.code());
        }
        return answer;
    }

    /** One call, not logged: for a caller that reports the outcome itself. */
    Answer exchange(Request request) {
        try (Response response = http.newCall(request).execute()) {
            return new Answer(response.code(), parse(response.body()));
        } catch (IOException e) {
            return e instanceof ConnectException ? Answer.refusedConnection(reason(e)) : Answer.unreachable(reason(e));
        }
    }

    /** An I/O failure in words, without the exception's class name where its message says enough. */
    static String reason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        // the resolver's own words after the name come and go between attempts (a cached miss has none)
        if (e instanceof UnknownHostException) return "unknown host " + message.split(":", 2)[0];
        if (e instanceof InterruptedIOException) return "no answer in time";
        if (e instanceof SSLException) return "TLS failed: " + message;
        return message.isEmpty() ? e.getClass().getSimpleName() : message;
    }

    private JsonNode parse(ResponseBody body) throws IOException {
        okio.BufferedSource source = body.source();
        source.request(MAX_BODY_BYTES);
        String text = source.getBuffer().readUtf8(Math.min(source.getBuffer().size(), MAX_BODY_BYTES));
        try {
            return text.isBlank() ? MissingNode.getInstance() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance(); // e.g. the HTML page of an IP ban
        }
    }

    /** Sleeps; false when interrupted (the interrupt is kept). */
    static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
