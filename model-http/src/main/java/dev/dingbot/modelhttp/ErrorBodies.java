package dev.dingbot.modelhttp;

import okhttp3.Response;

import java.io.IOException;

/** The body of an error answer as text, whatever happens while reading it. */
public final class ErrorBodies {

    /** Enough of an error body to tell a refused key from other errors. */
    private static final long PEEKED_BYTES = 64 * 1024;

    private ErrorBodies() {
    }

    /** The whole body, or "" when it cannot be read. */
    public static String read(Response response) {
        try {
            return response.body().string();
        } catch (IOException e) {
            return "";
        }
    }

    /** The first 64 KiB of the body, left unread for the caller; "" when it cannot be read. */
    public static String peek(Response response) {
        try {
            return response.peekBody(PEEKED_BYTES).string();
        } catch (IOException e) {
            return "";
        }
    }
}
