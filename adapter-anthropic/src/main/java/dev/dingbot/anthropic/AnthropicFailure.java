package dev.dingbot.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.RetryableFailure;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

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

    private static final int MAX_MESSAGE = 500;

    /** A Java exception or error class name, qualified or not, with the colon after it. */
    private static final Pattern JAVA_CLASS =
            Pattern.compile("\\b(?:[a-z][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

    static AnthropicFailure of(ChatStatus status, String message) {
        return new AnthropicFailure(status, message, "", 0, null, null);
    }

    /** An HTTP error answer, whatever its body: Anthropic's error JSON, a proxy's page, nothing. */
    static AnthropicFailure fromHttp(int httpStatus, String body, Duration retryAfter, Boolean shouldRetry) {
        JsonNode root = Json.parseOrNull(body);
        AnthropicFailure parsed = fromErrorNode(httpStatus, root == null ? null : root.get("error"));
        String message = parsed.message.isEmpty() ? fallbackMessage(httpStatus, body) : parsed.message;
        return new AnthropicFailure(parsed.status, message, parsed.type, httpStatus, retryAfter, shouldRetry);
    }

    /** The {@code error} object of a body or of a stream's {@code error} event (httpStatus 0 then). */
    static AnthropicFailure fromErrorNode(int httpStatus, JsonNode error) {
        String type = Json.text(error, "type");
        String message = Json.text(error, "message");
        return new AnthropicFailure(classify(httpStatus, type, message), truncate(message), type, httpStatus, null, null);
    }

    /** A transport failure before or during the answer. */
    static AnthropicFailure fromIo(IOException e) {
        boolean timeout = e instanceof SocketTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"));
        // The message may reach an admin's chat: no Java class names there.
        String message = e.getMessage() == null ? "" : JAVA_CLASS.matcher(e.getMessage()).replaceAll("").strip();
        if (message.isEmpty()) message = timeout ? "timeout" : "connection failed";
        return of(timeout ? ChatStatus.TIMEOUT : ChatStatus.NETWORK, message);
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
        return switch (status) {
            case 0 -> ChatStatus.SERVER_ERROR; // an error event of unknown type
            case 401 -> ChatStatus.AUTH_FAILED;
            case 402 -> ChatStatus.QUOTA_EXHAUSTED;
            case 404 -> ChatStatus.MODEL_NOT_FOUND;
            case 408 -> ChatStatus.TIMEOUT;
            case 409 -> ChatStatus.SERVER_ERROR;
            case 429 -> ChatStatus.RATE_LIMITED;
            default -> status >= 500 ? ChatStatus.SERVER_ERROR : ChatStatus.BAD_REQUEST;
        };
    }

    private static String fallbackMessage(int httpStatus, String body) {
        String text = body == null ? "" : body.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        return truncate("HTTP " + httpStatus + (text.isEmpty() ? "" : ": " + text));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }

    AnthropicFailure withMessage(String message) {
        return new AnthropicFailure(status, message, type, httpStatus, retryAfter, shouldRetry);
    }

    /** Whether trying again could help: transient classes only, and only when the server does not say no. */
    @Override
    public boolean retryable() {
        if (Boolean.FALSE.equals(shouldRetry)) return false;
        return switch (status) {
            case RATE_LIMITED, SERVER_ERROR, NETWORK, TIMEOUT -> true;
            default -> false;
        };
    }

    @Override
    public String summary() {
        return status + " (" + (type.isEmpty() ? "-" : type) + ")";
    }
}
