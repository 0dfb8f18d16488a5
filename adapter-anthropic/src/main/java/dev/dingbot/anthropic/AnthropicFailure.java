package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.HttpFailures;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.Retrier;
import dev.dingbot.modelhttp.RetryableFailure;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * A classified failure of the Messages API, in the classes the OpenAI adapter uses for the same troubles: by
 * {@code error.type} when the body has one ({@code {"type":"error","error":{"type":…,"message":…}}}, also the data of
 * a stream's {@code error} event), else by HTTP status; the message text settles a context overflow and an empty
 * credit balance, which Anthropic reports as {@code invalid_request_error}.
 *
 * @param type        Anthropic's {@code error.type}, or ""
 * @param retryAfter  the server's requested wait, or null
 * @param shouldRetry the server's {@code x-should-retry} verdict, or null
 */
record AnthropicFailure(ChatStatus status, String message, String type, int httpStatus, Duration retryAfter,
                        Boolean shouldRetry) implements RetryableFailure {

    static AnthropicFailure of(ChatStatus status, String message) {
        return new AnthropicFailure(status, message, "", 0, null, null);
    }

    /** An HTTP error answer, whatever its body: Anthropic's error JSON, a proxy's page, nothing. */
    static AnthropicFailure fromHttp(int httpStatus, String body, Duration retryAfter, Boolean shouldRetry) {
        JsonNode root = Json.parseOrNull(body);
        AnthropicFailure parsed = fromErrorNode(httpStatus, root == null ? null : root.get("error"));
        String message = parsed.message.isEmpty() ? HttpFailures.fallbackMessage(httpStatus, body) : parsed.message;
        return new AnthropicFailure(parsed.status, message, parsed.type, httpStatus, retryAfter, shouldRetry);
    }

    /** An HTTP error answer with the headers that tell whether and when to retry ({@code headers} looks one up). */
    static AnthropicFailure fromHttp(int httpStatus, String body, Function<String, String> headers) {
        return fromHttp(httpStatus, body, Retrier.retryAfter(headers), Retrier.shouldRetry(headers));
    }

    /** The {@code error} object of a body or of a stream's {@code error} event (httpStatus 0 then). */
    static AnthropicFailure fromErrorNode(int httpStatus, JsonNode error) {
        String type = Json.text(error, "type");
        String message = Json.text(error, "message");
        return new AnthropicFailure(classify(httpStatus, type, message), HttpFailures.truncate(message), type, httpStatus, null, null);
    }

    /** A transport failure before or during the answer. */
    static AnthropicFailure fromIo(IOException e) {
        return of(HttpFailures.ioStatus(e), HttpFailures.ioMessage(e));
    }

    static ChatStatus classify(int httpStatus, String type, String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (type.equals("billing_error") || m.contains("credit balance is too low")) return ChatStatus.QUOTA_EXHAUSTED;
        // 413 is the request's bytes (images, mostly); a shorter context is the one thing that can help there too.
        if (type.equals("request_too_large") || httpStatus == 413 || m.contains("prompt is too long")
                || m.contains("exceed context limit") || m.contains("context window")) {
            return ChatStatus.CONTEXT_TOO_LONG;
        }
        return switch (type) {
            case "authentication_error" -> ChatStatus.AUTH_FAILED;
            case "permission_error", "invalid_request_error" -> ChatStatus.BAD_REQUEST;
            case "not_found_error" -> ChatStatus.MODEL_NOT_FOUND;
            case "rate_limit_error" -> ChatStatus.RATE_LIMITED;
            case "api_error", "overloaded_error" -> ChatStatus.SERVER_ERROR;
            default -> byHttpStatus(httpStatus);
        };
    }

    private static ChatStatus byHttpStatus(int status) {
        // 0: an error event of unknown type
        return status == 0 ? ChatStatus.SERVER_ERROR : HttpFailures.byHttpStatus(status);
    }

    AnthropicFailure withMessage(String message) {
        return new AnthropicFailure(status, message, type, httpStatus, retryAfter, shouldRetry);
    }

    /** Whether trying again could help: transient classes only, and only when the server does not say no. */
    @Override
    public boolean retryable() {
        return HttpFailures.transientFailure(status, shouldRetry);
    }

    @Override
    public String summary() {
        return status + " (" + (type.isEmpty() ? "-" : type) + ")";
    }
}
