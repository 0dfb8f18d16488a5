package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.HttpFailures;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.RetryableFailure;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

/**
 * A classified provider failure: status first, then refined by {@code error.code}, {@code error.type} and the
 * message text. Accepts every error body seen in the wild: the standard wrapper, {@code code} as string, number or
 * null, a flat object, {@code "error":"text"}, and non-JSON (an HTML page from a proxy, an empty body).
 *
 * @param retryAfter the server's requested wait, or null
 * @param shouldRetry the server's {@code x-should-retry} verdict, or null
 */
record Failure(ChatStatus status, String message, String code, int httpStatus, Duration retryAfter,
               Boolean shouldRetry) implements RetryableFailure {

    static Failure of(ChatStatus status, String message) {
        return new Failure(status, message, "", 0, null, null);
    }

    /** A 2xx answer whose body is no JSON where a completion was expected. */
    static Failure notJson() {
        return of(ChatStatus.SERVER_ERROR, "the answer is not JSON");
    }

    /** An HTTP error answer (or a 2xx whose JSON carries an {@code error}). */
    static Failure fromHttp(int httpStatus, String body, Duration retryAfter, Boolean shouldRetry) {
        JsonNode root = Json.parseOrNull(body);
        JsonNode error = root == null ? null : root.has("error") ? root.get("error") : root;
        Failure parsed = fromErrorNode(httpStatus, error);
        String message = parsed.message.isEmpty() ? HttpFailures.fallbackMessage(httpStatus, body) : parsed.message;
        return new Failure(parsed.status, message, parsed.code, httpStatus, retryAfter, shouldRetry);
    }

    /** The {@code error} member of a body or stream event: an object, a string, or null. */
    static Failure fromErrorNode(int httpStatus, JsonNode error) {
        String code = "";
        String type = "";
        String message = "";
        String inner = "";
        if (error != null && error.isTextual()) {
            message = error.asText();
        } else if (error != null && error.isObject()) {
            code = Json.text(error, "code");
            type = Json.text(error, "type");
            message = Json.text(error, "message");
            inner = error.path("innererror").isObject() ? Json.text(error.get("innererror"), "code") : "";
        }
        ChatStatus status = classify(httpStatus, code, type, message, inner);
        return new Failure(status, HttpFailures.truncate(message), code, httpStatus, null, null);
    }

    /** A transport failure before or during the answer. */
    static Failure fromIo(IOException e) {
        return of(HttpFailures.ioStatus(e), HttpFailures.ioMessage(e));
    }

    static ChatStatus classify(int httpStatus, String code, String type, String message, String innerCode) {
        String c = code.toLowerCase(Locale.ROOT);
        String t = type.toLowerCase(Locale.ROOT);
        String m = message.toLowerCase(Locale.ROOT);
        if (c.equals("insufficient_quota") || t.equals("insufficient_quota")) return ChatStatus.QUOTA_EXHAUSTED;
        if (isFilterCode(c) || isFilterCode(t) || innerCode.equals("ResponsibleAIPolicyViolation")) {
            return ChatStatus.CONTENT_FILTERED;
        }
        if (c.equals("context_length_exceeded") || m.contains("maximum context length")
                || m.contains("request too large") || m.contains("context length exceeded")) {
            return ChatStatus.CONTEXT_TOO_LONG;
        }
        if (c.equals("model_not_found") || c.equals("deploymentnotfound")) return ChatStatus.MODEL_NOT_FOUND;
        if (c.equals("invalid_api_key")) return ChatStatus.AUTH_FAILED;
        int effective = httpStatus >= 400 ? httpStatus : numericCode(c);
        if (effective == 0) {
            // An error inside a 200 answer with no usable status: judge by its words.
            if (c.contains("rate_limit") || t.contains("rate_limit")) return ChatStatus.RATE_LIMITED;
            if (t.contains("invalid_request")) return ChatStatus.BAD_REQUEST;
            return ChatStatus.SERVER_ERROR;
        }
        return HttpFailures.byHttpStatus(effective);
    }

    private static boolean isFilterCode(String s) {
        return s.equals("content_filter") || s.equals("data_inspection_failed") || s.equals("moderation_blocked")
                || s.equals("content_policy_violation");
    }

    private static int numericCode(String code) {
        return code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
    }

    Failure withMessage(String message) {
        return new Failure(status, message, code, httpStatus, retryAfter, shouldRetry);
    }

    /** Whether trying again could help: transient classes only, and only when the server does not say no. */
    @Override
    public boolean retryable() {
        return HttpFailures.transientFailure(status, shouldRetry);
    }

    @Override
    public String summary() {
        return status + " (" + code + ")";
    }
}
