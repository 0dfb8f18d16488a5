package dev.dingbot.modelhttp;

import dev.dingbot.core.model.ChatStatus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Pattern;

/**
 * What every model adapter makes of a failure before its vendor's error body is read: a transport failure, an HTTP
 * status, a body that is no error JSON, and which classes are worth another try.
 */
public final class HttpFailures {

    private static final int MAX_MESSAGE = 500;

    /** A Java exception or error class name, qualified or not, with the colon after it. */
    private static final Pattern JAVA_CLASS =
            Pattern.compile("\\b(?:[a-z][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

    private HttpFailures() {
    }

    /** TIMEOUT for a connect, read or call that ran out of time, NETWORK for every other transport failure. */
    public static ChatStatus ioStatus(IOException e) {
        boolean timeout = e instanceof SocketTimeoutException || e instanceof HttpTimeoutException
                || (e instanceof InterruptedIOException && String.valueOf(e.getMessage()).contains("timeout"));
        return timeout ? ChatStatus.TIMEOUT : ChatStatus.NETWORK;
    }

    /** The failure's message without Java class names (it may reach a chat), e.g. never "SocketTimeoutException: timeout". */
    public static String ioMessage(IOException e) {
        String message = e.getMessage() == null ? "" : JAVA_CLASS.matcher(e.getMessage()).replaceAll("").strip();
        if (!message.isEmpty()) return message;
        return ioStatus(e) == ChatStatus.TIMEOUT ? "timeout" : "connection failed";
    }

    /** The class of an HTTP error status when the body says nothing more precise. */
    public static ChatStatus byHttpStatus(int status) {
        return switch (status) {
            case 401 -> ChatStatus.AUTH_FAILED;
            case 402 -> ChatStatus.QUOTA_EXHAUSTED;
            case 404 -> ChatStatus.MODEL_NOT_FOUND;
            case 408 -> ChatStatus.TIMEOUT;
            case 409 -> ChatStatus.SERVER_ERROR;
            case 429 -> ChatStatus.RATE_LIMITED;
            default -> status >= 500 ? ChatStatus.SERVER_ERROR : ChatStatus.BAD_REQUEST;
        };
    }

    /** The message of a body without one: "HTTP 502: " and the text of an HTML page, cut to length. */
    public static String fallbackMessage(int httpStatus, String body) {
        String text = body == null ? "" : body.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim();
        return truncate("HTTP " + httpStatus + (text.isEmpty() ? "" : ": " + text));
    }

    /** A server's message cut to 500 characters. */
    public static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "…";
    }

    /** Whether trying again could help: transient classes only, and only when the server does not say no. */
    public static boolean transientFailure(ChatStatus status, Boolean shouldRetry) {
        if (Boolean.FALSE.equals(shouldRetry)) return false;
        return switch (status) {
            case RATE_LIMITED, SERVER_ERROR, NETWORK, TIMEOUT -> true;
            default -> false;
        };
    }
}
