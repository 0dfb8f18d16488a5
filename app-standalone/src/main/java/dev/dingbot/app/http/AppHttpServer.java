package dev.dingbot.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.dingbot.core.concurrent.VirtualThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The app's HTTP server on the JDK's built-in server: health ({@code /healthz}, {@code /readyz}, {@code GET /}),
 * {@code /metrics}, DingTalk callbacks ({@code POST /}, {@code POST /callback}) and the public links
 * ({@code /history/<token>}, {@code /download/<token>}, {@code /images/<id>}).
 *
 * <p>The JDK server reads a request's headers, and our handlers its body, on the thread of the exchange, so a
 * client that trickles its bytes holds that thread. Two things keep slow clients from taking the server: every
 * request must have arrived within {@link #REQUEST_DEADLINE} and every response been taken within
 * {@link #RESPONSE_DEADLINE}, or its connection is closed; and each exchange gets a virtual thread on JDK 21+, or
 * one of a pool of {@link Builder#threads(int) threads} platform threads on older JDKs.
 */
public final class AppHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppHttpServer.class);

    /** From a request's first byte until its headers, and its body if it has one, have been read. */
    public static final Duration REQUEST_DEADLINE = Duration.ofSeconds(10);
    /** From the end of a request until its response has been written. */
    public static final Duration RESPONSE_DEADLINE = Duration.ofSeconds(30);

    static {
        // Read once, when the first server is created; a -D setting wins.
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the client's delayed ACK holds
        // every response back by about 40 ms.
        defaultProperty("sun.net.httpserver.nodelay", "true");
        // maxReqTime runs from a request's first byte until its body is read to the end (until its headers when
        // it has none), so it also cuts off a body we are reading; a timer checks once a second.
        defaultProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_DEADLINE.toSeconds()));
        defaultProperty("sun.net.httpserver.maxRspTime", Long.toString(RESPONSE_DEADLINE.toSeconds()));
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) System.setProperty(name, value);
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpRoutes routes;

    private AppHttpServer(Builder b) throws IOException {
        this.routes = new HttpRoutes(b);
        this.server = HttpServer.create(b.address, 64);
        this.executor = VirtualThreads.perTaskExecutor().orElseGet(() -> platformThreads(b.threads));
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** At most {@code threads} at once, started when needed and ended after a minute without work. */
    private static ExecutorService platformThreads(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts serving; the server listens as soon as this returns. */
    public AppHttpServer start() {
        server.start();
        log.info("HTTP server listening on {}", address());
        return this;
    }

    /** The bound address. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The bound port (useful when built with port 0). */
    public int port() {
        return address().getPort();
    }

    /** Stops accepting, gives exchanges in progress up to {@code grace} to finish. */
    public void stop(Duration grace) {
        server.stop((int) Math.min(Integer.MAX_VALUE, Math.max(0, grace.toSeconds())));
        executor.shutdown();
        try {
            executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private void dispatch(HttpExchange ex) {
        try {
            routes.handle(ex);
        } catch (IOException e) {
            log.debug("HTTP exchange aborted: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("HTTP handler failed on {} {}", ex.getRequestMethod(), ex.getRequestURI().getRawPath(), e);
            try {
                HttpRoutes.send(ex, 500, "text/plain; charset=utf-8", new byte[0]);
            } catch (IOException | RuntimeException ignored) {
                // the response had started or the client is gone
            }
        } finally {
            ex.close();
        }
    }

    /** What the server serves; everything but the address is optional. */
    public static final class Builder {
        InetSocketAddress address = new InetSocketAddress(8090);
        int threads = 200;
        int maxBodyBytes = 1 << 20;
        Metrics metrics = new Metrics();
        final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
        final List<Supplier<List<String>>> details = new ArrayList<>();
        CallbackEndpoint callback;
        PublicPages links;

        public Builder address(InetSocketAddress value) {
            address = Objects.requireNonNull(value);
            return this;
        }

        /** Listens on {@code host} (a name or an address), or on every interface when it is blank. */
        public Builder address(String host, int port) {
            return address(host.isBlank() ? new InetSocketAddress(port) : new InetSocketAddress(host.trim(), port));
        }

        /**
         * How many exchanges run at once on a JDK before 21 (more wait); each slow client holds one for at most
         * the deadlines. On JDK 21+ every exchange has a virtual thread of its own and this is not used.
         */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** Larger callback bodies get 413. */
        public Builder maxBodyBytes(int value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder metrics(Metrics value) {
            metrics = Objects.requireNonNull(value);
            return this;
        }

        /** A check {@code /readyz} requires, e.g. "stream ding-app-1 connected", "store writable". */
        public Builder readiness(String name, BooleanSupplier check) {
            readiness.put(name, Objects.requireNonNull(check));
            return this;
        }

        /**
         * Lines {@code /readyz} shows under its checks without requiring anything of them, e.g. how each MCP
         * server is doing: the bot answers without a server that is down.
         */
        public Builder detail(Supplier<List<String>> lines) {
            details.add(Objects.requireNonNull(lines));
            return this;
        }

        /** Enables {@code POST /} and {@code POST /callback}; without it they answer 404. */
        public Builder callback(CallbackEndpoint value) {
            callback = value;
            return this;
        }

        /** Enables {@code /history}, {@code /download} and {@code /images}; without it they answer 404. */
        public Builder links(PublicPages value) {
            links = value;
            return this;
        }

        public AppHttpServer build() throws IOException {
            return new AppHttpServer(this);
        }
    }
}
