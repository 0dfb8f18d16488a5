package dev.dingbot.modelhttp;

import java.io.IOException;
import java.util.function.Function;

/**
 * What one streamed answer is made of, as its provider's wire tells it: {@link StreamCall} reads the bytes, this
 * classifies the failures and takes the answer in. {@code headers} looks a response header up by name (null when
 * absent).
 *
 * @param <F> the provider's failure
 */
public interface StreamedAnswer<F extends RetryableFailure> {

    /** The id the server gave the request, for the log; the provider's placeholder when it gave none. */
    String requestId(Function<String, String> headers);

    /** An error answer classified by its status, body and headers. */
    F httpFailure(int status, String body, Function<String, String> headers);

    /** Whether a successful body of this content type (null when absent) is one whole answer, not an event stream. */
    boolean isWhole(String contentType);

    /** Takes a whole answer's body; the failure it makes (not JSON, say), or null when it holds the answer. */
    F whole(String body);

    /** Takes one event's data; false once the answer is over (its end or an error event). */
    boolean onEvent(String data);

    /** A failure of the connection: refused, reset, timed out ({@link java.net.http.HttpTimeoutException}). */
    F ioFailure(IOException e);
}
