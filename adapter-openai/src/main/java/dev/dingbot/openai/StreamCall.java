package dev.dingbot.openai;

import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.modelhttp.Json;
import dev.dingbot.modelhttp.Timeouts;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One request for a streamed answer over the JDK's HttpClient, read as its bytes arrive: no thread waits for it. An
 * error answer is read whole and classified; a JSON body (some servers answer a stream request with one) is taken as
 * a whole completion; an event stream feeds the gatherer line by line, and the connection is let go once the answer
 * has ended. The idle-read and overall timeouts are kept here: the client's own covers only the wait for the
 * response headers. The gatherer is touched under this object's lock only, since a timer may end the call while a
 * line is being read.
 */
final class StreamCall implements HttpResponse.BodyHandler<Void>, Flow.Subscriber<String> {

    /**
     * What one request heard: the gatherer holding the answer so far, the HTTP or transport failure that ended it
     * (null when the answer itself tells how it ended), unreported, and the request id to report it with.
     */
    record Heard(AnswerGatherer answer, Failure failure, String requestId) { }

    private static final Failure TIMED_OUT = Failure.of(ChatStatus.TIMEOUT, "timeout");

    private final AnswerGatherer answer;
    private final long connectNanos;
    private final long idleNanos;
    private final long overallNanos;
    private final ScheduledExecutorService timer;
    private final SseEvents events = new SseEvents();
    private final CompletableFuture<Heard> heard = new CompletableFuture<>();
    private volatile long lastReadNanos;
    private volatile String requestId = Transport.NO_REQUEST_ID;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> idleCheck;
    private boolean ended;                  // guarded by this
    private Flow.Subscription subscription; // guarded by this
    private ScheduledFuture<?> overallLimit;
    private volatile CompletableFuture<?> exchange;
    private String authority;

    StreamCall(AnswerGatherer answer, Timeouts timeouts, ScheduledExecutorService timer) {
        this.answer = answer;
        this.connectNanos = timeouts.connect().toNanos();
        this.idleNanos = timeouts.idleRead().toNanos();
        this.overallNanos = timeouts.overall().toNanos();
        this.timer = timer;
    }

    CompletableFuture<Heard> start(HttpClient client, HttpRequest request) {
        URI uri = request.uri();
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        authority = uri.getHost() + ":" + port;
        synchronized (this) {
            // The first read may come a connect timeout later than an idle one: the connection is made first.
            lastReadNanos = System.nanoTime() + connectNanos;
            overallLimit = timer.schedule(this::timedOut, overallNanos, TimeUnit.NANOSECONDS);
            idleCheck = timer.schedule(this::checkIdle, connectNanos + idleNanos, TimeUnit.NANOSECONDS);
            var sending = client.sendAsync(request, this);
            exchange = sending;
            sending.whenComplete((response, failure) -> {
                if (failure == null) return;
                end(transportFailure(failure));
                readingOver();
            });
        }
        return heard;
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        heardFirst();
        HttpHeaders headers = info.headers();
        Function<String, String> header = name -> headers.firstValue(name).orElse(null);
        requestId = Transport.requestId(header);
        if (info.statusCode() / 100 != 2) {
            return whole(body -> Transport.httpFailure(info.statusCode(), body, header));
        }
        if (Transport.isJson(header.apply("Content-Type"))) return whole(this::completion);
        return HttpResponse.BodySubscribers.fromLineSubscriber(this);
    }

    /** The body read whole, then the failure it makes (null when the gatherer holds the answer). */
    private HttpResponse.BodySubscriber<Void> whole(Function<String, Failure> read) {
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                body -> {
                    readingOver();
                    Failure failure;
                    synchronized (this) {
                        if (ended) return null;
                        ended = true;
                        failure = read.apply(body);
                    }
                    heard.complete(new Heard(answer, failure, requestId));
                    return null;
                });
    }

    /** A whole completion; DeepSeek may pad it with blank lines. */
    private Failure completion(String body) {
        var root = Json.parseOrNull(body);
        if (root == null) return Failure.notJson();
        answer.onCompletion(root);
        return null;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        synchronized (this) {
            this.subscription = subscription;
        }
        if (closed) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    /**
     * One line of the event stream. Once the answer is over ({@code [DONE]}, an error event) the call ends, and the
     * rest of the body is read and dropped, so that the connection is kept for the next call.
     */
    @Override
    public void onNext(String line) {
        lastReadNanos = System.nanoTime();
        synchronized (this) {
            if (ended) return;
            try {
                String data = events.line(line);
                if (data == null || answer.onEvent(data)) return;
                ended = true;
            } catch (RuntimeException | Error e) {
                // The listener's own trouble is the caller's to see, as when it streams on the calling thread.
                ended = true;
                heard.completeExceptionally(e);
                stopReading();
                return;
            }
        }
        heard.complete(new Heard(answer, null, requestId));
    }

    @Override
    public void onError(Throwable failure) {
        end(transportFailure(failure));
        readingOver();
    }

    /** The end of the stream: the answer tells whether it was complete (a half-built event is dropped). */
    @Override
    public void onComplete() {
        end(null);
        readingOver();
    }

    /** The headers are in: from now on the idle timeout counts from the last read alone. */
    private void heardFirst() {
        lastReadNanos = System.nanoTime();
        idleCheck.cancel(false);
        idleCheck = timer.schedule(this::checkIdle, idleNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        if (closed) return;
        long left = idleNanos - (System.nanoTime() - lastReadNanos);
        if (left > 0) {
            idleCheck = timer.schedule(this::checkIdle, left, TimeUnit.NANOSECONDS);
        } else {
            timedOut();
        }
    }

    /** Silence or the whole call too long: the answer times out, or the rest of its body stops being drained. */
    private void timedOut() {
        if (closed) return;
        end(TIMED_OUT);
        stopReading();
    }

    private void end(Failure failure) {
        synchronized (this) {
            if (ended) return;
            ended = true;
        }
        heard.complete(new Heard(answer, failure, requestId));
    }

    private void readingOver() {
        closed = true;
        overallLimit.cancel(false);
        ScheduledFuture<?> check = idleCheck;
        if (check != null) check.cancel(false);
    }

    /** Stops reading: the connection is closed rather than kept, its answer not whole. */
    private void stopReading() {
        readingOver();
        Flow.Subscription reading;
        synchronized (this) {
            reading = subscription;
        }
        if (reading != null) reading.cancel();
        CompletableFuture<?> sending = exchange;
        if (sending != null && !sending.isDone()) sending.cancel(true);
    }

    private Failure transportFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ConnectException && cause.getMessage() == null) {
            return Failure.of(ChatStatus.NETWORK, "failed to connect to " + authority);
        }
        if (cause instanceof IOException io) return Failure.fromIo(io);
        return Failure.of(ChatStatus.NETWORK, "connection failed");
    }
}
