package dev.dingbot.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The app's HTTP server on the JDK's built-in server: health ({@code /healthz}, {@code /readyz}, {@code GET /}),
 * {@code /metrics}, DingTalk callbacks ({@code POST /}, {@code POST /callback}) and the public links
 * ({@code /history/<token>}, {@code /download/<token>}, {@code /images/<id>}).
 */
public final class AppHttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AppHttpServer.class);
    static final String WELCOME = "{\"status\":\"ok\",\"message\":\"🚀 欢迎使用钉钉机器人 🤖\"}";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;

    private AppHttpServer(Builder b) throws IOException {
        this.routes = new Routes(b);
        this.server = HttpServer.create(b.address, 64);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts serving; the server listens as soon as this returns. */
    public AppHttpServer start() {
        server.start();
        log.info("HTTP server listening on {}", server.getAddress());
        return this;
    }

    /** The bound port (useful when built with port 0). */
    public int port() {
        return server.getAddress().getPort();
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
                Routes.send(ex, 500, "text/plain; charset=utf-8", new byte[0]);
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
        int threads = 8;
        int maxBodyBytes = 1 << 20;
        Metrics metrics = new Metrics();
        final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();
        CallbackHandler callback;
        FilePublicLinks links;

        public Builder address(InetSocketAddress value) {
            address = Objects.requireNonNull(value);
            return this;
        }

        /** Listens on all interfaces. */
        public Builder port(int port) {
            return address(new InetSocketAddress(port));
        }

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

        /** Enables {@code POST /} and {@code POST /callback}; without it they answer 404. */
        public Builder callback(CallbackHandler value) {
            callback = value;
            return this;
        }

        /** Enables {@code /history}, {@code /download} and {@code /images}; without it they answer 404. */
        public Builder links(FilePublicLinks value) {
            links = value;
            return this;
        }

        public AppHttpServer build() throws IOException {
            return new AppHttpServer(this);
        }
    }

    /** The routing table and its handlers. */
    private static final class Routes {
        private final Metrics metrics;
        private final Map<String, BooleanSupplier> readiness;
        private final CallbackHandler callback;
        private final FilePublicLinks links;
        private final int maxBodyBytes;

        Routes(Builder b) {
            metrics = b.metrics;
            readiness = Map.copyOf(b.readiness);
            callback = b.callback;
            links = b.links;
            maxBodyBytes = b.maxBodyBytes;
        }

        void handle(HttpExchange ex) throws IOException {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            boolean get = method.equals("GET") || method.equals("HEAD");
            if ((path.equals("/") || path.equals("/callback")) && method.equals("POST")) {
                callback(ex);
            } else if (path.equals("/") && get) {
                send(ex, 200, "application/json; charset=utf-8", bytes(WELCOME));
            } else if (path.equals("/healthz") && get) {
                send(ex, 200, "text/plain; charset=utf-8", bytes("ok"));
            } else if (path.equals("/readyz") && get) {
                ready(ex);
            } else if (path.equals("/metrics") && get) {
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", bytes(metrics.scrape()));
            } else if (path.startsWith("/history/") && get) {
                page(ex, path.substring("/history/".length()));
            } else if (path.startsWith("/download/") && get) {
                download(ex, path.substring("/download/".length()));
            } else if (path.startsWith("/images/") && get) {
                image(ex, path.substring("/images/".length()));
            } else {
                send(ex, 404, "text/plain; charset=utf-8", bytes("not found"));
            }
        }

        private void ready(HttpExchange ex) throws IOException {
            StringBuilder sb = new StringBuilder();
            boolean all = true;
            for (Map.Entry<String, BooleanSupplier> check : readiness.entrySet()) {
                boolean ok;
                try {
                    ok = check.getValue().getAsBoolean();
                } catch (RuntimeException e) {
                    ok = false;
                }
                all &= ok;
                sb.append(ok ? "ok   " : "FAIL ").append(check.getKey()).append('\n');
            }
            send(ex, all ? 200 : 503, "text/plain; charset=utf-8", bytes((all ? "ready\n" : "not ready\n") + sb));
        }

        private void callback(HttpExchange ex) throws IOException {
            if (callback == null) {
                send(ex, 404, "text/plain; charset=utf-8", bytes("callbacks are not enabled (run_mode: http)"));
                return;
            }
            byte[] body = readCapped(ex.getRequestBody(), maxBodyBytes);
            if (body == null) {
                send(ex, 413, "text/plain; charset=utf-8", bytes("body too large"));
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> {
                if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
            });
            CallbackHandler.Response r = callback.handle(Map.copyOf(headers), body);
            send(ex, r.status(), r.contentType(), r.body());
        }

        private void page(HttpExchange ex, String token) throws IOException {
            var stored = links == null ? null : links.history(token).orElse(null);
            if (stored == null) {
                send(ex, 404, "text/plain; charset=utf-8", bytes("this link does not exist or has expired"));
                return;
            }
            String title = stored.title().isBlank() ? "对话记录" : stored.title();
            String html = "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>" + MarkdownHtml.escape(title) + "</title><style>"
                    + "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
                    + "line-height:1.6}pre{background:#f4f4f4;padding:.8rem;overflow:auto}"
                    + "code{font-family:ui-monospace,monospace}blockquote{color:#555;border-left:3px solid #ccc;"
                    + "margin:0;padding-left:1rem}</style></head><body><main>\n"
                    + "<p><a href=\"/download/" + token + "\">下载 Markdown / Download</a></p>\n"
                    + MarkdownHtml.render(stored.markdown()) + "</main></body></html>\n";
            ex.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            ex.getResponseHeaders().set("X-Robots-Tag", "noindex");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            send(ex, 200, "text/html; charset=utf-8", bytes(html));
        }

        private void download(HttpExchange ex, String token) throws IOException {
            var stored = links == null ? null : links.history(token).orElse(null);
            if (stored == null) {
                send(ex, 404, "text/plain; charset=utf-8", bytes("this link does not exist or has expired"));
                return;
            }
            String name = stored.title().isBlank() ? "chat-history" : stored.title();
            ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"chat-history.md\"; "
                    + "filename*=UTF-8''" + URLEncoder.encode(name + ".md", StandardCharsets.UTF_8).replace("+", "%20"));
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            send(ex, 200, "text/markdown; charset=utf-8", bytes(stored.markdown()));
        }

        private void image(HttpExchange ex, String name) throws IOException {
            var image = links == null ? null : links.image(name).orElse(null);
            if (image == null) {
                send(ex, 404, "text/plain; charset=utf-8", bytes("not found"));
                return;
            }
            ex.getResponseHeaders().set("Cache-Control", "public, max-age=86400, immutable");
            send(ex, 200, image.mediaType(), image.bytes());
        }

        /** The body, or null when it is longer than {@code max}. */
        private static byte[] readCapped(InputStream in, int max) throws IOException {
            byte[] body = in.readNBytes(max + 1);
            return body.length > max ? null : body;
        }

        static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
            ex.getResponseHeaders().set("Content-Type", contentType);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
            ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) ex.getResponseBody().write(body);
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
