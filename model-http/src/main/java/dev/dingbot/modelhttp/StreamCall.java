package dev.dingbot.modelhttp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One request for a streamed answer over the JDK's HttpClient, read as its bytes arrive: no thread waits for it. An
 * error answer is read whole and classified; a whole body (some servers answer a stream request with one JSON
 * answer) is taken as it is; an event stream's events feed the answer one by one, and the connection is let go once
 * the answer has ended. The idle-read and overall timeouts are kept here: the client's own covers only the wait for
 * the response headers. The answer is touched under this object's lock only, since a timer may end the call while a
 * line is being read.
 *
 * @param <F> the provider's failure
 */
public final class StreamCall<F extends RetryableFailure> implements HttpResponse.BodyHandler<Void>,
        Flow.Subscriber<String> {

    /**
     * What one request heard: the HTTP or transport failure that ended it (null when the answer itself tells how it
     * ended), unreported, and the request id to report it with.
     */
    public record Heard<F extends RetryableFailure>(F failure, String requestId) { }

    private final StreamedAnswer<F> answer;
    private final long connectNanos;
    private final long idleNanos;
    private final long overallNanos;
    private final ScheduledExecutorService timer;
    private final SseEvents events = new SseEvents();
    private final CompletableFuture<Heard<F>> heard = new CompletableFuture<>();
    private volatile long lastReadNanos;
    private volatile String requestId;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> idleCheck;
    private boolean ended;                  // guarded by this
    private Flow.Subscription subscription; // guarded by this
    private ScheduledFuture<?> overallLimit;
    private volatile CompletableFuture<?> exchange;
    private String authority;

    StreamCall(StreamedAnswer<F> answer, Timeouts timeouts, ScheduledExecutorService timer) {
        this.answer = answer;
        this.requestId = answer.requestId(name -> null);
        this.connectNanos = timeouts.connect().toNanos();
        this.idleNanos = timeouts.idleRead().toNanos();
        this.overallNanos = timeouts.overall().toNanos();
        this.timer = timer;
    }

    CompletableFuture<Heard<F>> start(HttpClient client, HttpRequest request) {
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
                onTimer(() -> {
                    end(transportFailure(failure));
                    readingOver();
                });
            });
        }
        return heard;
    }

    /**
     * Runs {@code task} on the timer, where the call's other ends are told: the JDK completes {@code sendAsync}'s
     * future on its default async pool (a new thread per task on one or two CPUs, else the common pool an embedding
     * application shares). Here, when the timer has stopped, so that the call still ends.
     */
    private void onTimer(Runnable task) {
        try {
            timer.execute(task);
        } catch (RejectedExecutionException stopped) {
            task.run();
        }
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        heardFirst();
        HttpHeaders headers = info.headers();
        Function<String, String> header = name -> headers.firstValue(name).orElse(null);
        requestId = answer.requestId(header);
        if (info.statusCode() / 100 != 2) {
            return whole(body -> answer.httpFailure(info.statusCode(), body, header));
        }
        if (answer.isWhole(header.apply("Content-Type"))) return whole(answer::whole);
        return HttpResponse.BodySubscribers.fromLineSubscriber(this);
    }

    /** The body read whole, then the failure it makes (null when the gatherer holds the answer). */
    private HttpResponse.BodySubscriber<Void> whole(Function<String, F> read) {
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8),
                body -> {
                    readingOver();
                    F failure;
                    synchronized (this) {
                        if (ended) return null;
                        ended = true;
                        failure = read.apply(body);
                    }
                    heard.complete(new Heard<>(failure, requestId));
                    return null;
                });
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
        heard.complete(new Heard<>(null, requestId));
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
        end(answer.ioFailure(new HttpTimeoutException("timeout")));
        stopReading();
    }

    private void end(F failure) {
        synchronized (this) {
            if (ended) return;
            ended = true;
        }
        heard.complete(new Heard<>(failure, requestId));
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

    private F transportFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof ConnectException && cause.getMessage() == null) {
            return answer.ioFailure(new ConnectException("failed to connect to " + authority));
        }
        return answer.ioFailure(cause instanceof IOException io ? io : new IOException("connection failed"));
    }
}
