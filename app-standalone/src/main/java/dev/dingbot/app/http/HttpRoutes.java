package dev.dingbot.app.http;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The routing table of {@link AppHttpServer} and its handlers. */
final class HttpRoutes {

    /** The original's health answer on {@code GET /}. */
    static final String WELCOME = "{\"status\":\"ok\",\"message\":\"🚀 欢迎使用钉钉机器人 🤖\"}";
    /**
     * How much of an oversized callback body is read and thrown away before the 413: a server that closes with
     * unread request bytes resets the connection, and the client loses the answer. Beyond this the reset is accepted.
     */
    static final long OVERSIZE_DISCARD_BYTES = 16L << 20;

    private final Metrics metrics;
    private final Map<String, BooleanSupplier> readiness;
    private final List<Supplier<List<String>>> details;
    private final CallbackEndpoint callback;
    private final PublicPages links;
    private final int maxBodyBytes;

    HttpRoutes(AppHttpServer.Builder b) {
        metrics = b.metrics;
        readiness = Collections.unmodifiableMap(new LinkedHashMap<>(b.readiness));
        details = List.copyOf(b.details);
        callback = b.callback;
        links = b.links;
        maxBodyBytes = b.maxBodyBytes;
        metrics.gauge("dingbot_ready", "1 while every check of /readyz passes, else 0",
                () -> checks().values().stream().allMatch(ok -> ok) ? 1 : 0);
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
        for (Map.Entry<String, Boolean> check : checks().entrySet()) {
            all &= check.getValue();
            sb.append(check.getValue() ? "ok   " : "FAIL ").append(check.getKey()).append('\n');
        }
        for (Supplier<List<String>> detail : details) {
            try {
                detail.get().forEach(line -> sb.append("info ").append(line).append('\n'));
            } catch (RuntimeException e) {
                // a detail is never worth a failed answer: e.g. the live instances while the database is away
                sb.append("info (unavailable: ").append(e.getClass().getSimpleName()).append(")\n");
            }
        }
        send(ex, all ? 200 : 503, "text/plain; charset=utf-8", bytes((all ? "ready\n" : "not ready\n") + sb));
    }

    /** Each readiness check by name, passed or not; one that throws has not passed. */
    private Map<String, Boolean> checks() {
        Map<String, Boolean> results = new LinkedHashMap<>();
        readiness.forEach((name, check) -> {
            boolean ok;
            try {
                ok = check.getAsBoolean();
            } catch (RuntimeException e) {
                ok = false;
            }
            results.put(name, ok);
        });
        return results;
    }

    private void callback(HttpExchange ex) throws IOException {
        if (callback == null) {
            send(ex, 404, "text/plain; charset=utf-8", bytes("callbacks are not enabled (run_mode: http)"));
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> {
            if (!v.isEmpty()) headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
        });
        CallbackEndpoint.Next next = callback.headers(Map.copyOf(headers));
        if (next instanceof CallbackEndpoint.Respond respond) {
            send(ex, respond.response());
            return;
        }
        byte[] body = readCapped(ex.getRequestBody(), maxBodyBytes);
        if (body == null) {
            discard(ex.getRequestBody(), OVERSIZE_DISCARD_BYTES);
            send(ex, 413, "text/plain; charset=utf-8", bytes("body too large"));
            return;
        }
        send(ex, ((CallbackEndpoint.ReadBody) next).then().apply(body));
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
                + MarkdownHtml.render(stored.text()) + "</main></body></html>\n";
        ex.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
                        + "frame-ancestors 'none'");
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
        send(ex, 200, "text/markdown; charset=utf-8", bytes(stored.text()));
    }

    private void image(HttpExchange ex, String name) throws IOException {
        var image = links == null ? null : links.image(name).orElse(null);
        if (image == null) {
            send(ex, 404, "text/plain; charset=utf-8", bytes("not found"));
            return;
        }
        // the link is the only key to the image: no proxy or CDN on the way may keep a copy for others
        ex.getResponseHeaders().set("Cache-Control", "private, max-age=86400, immutable");
        send(ex, 200, image.mediaType(), image.bytes());
    }

    /** The body, or null when it is longer than {@code max}. */
    private static byte[] readCapped(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    private static void discard(InputStream in, long max) throws IOException {
        byte[] buffer = new byte[8192];
        long left = max;
        for (int n = in.read(buffer); n > 0 && left > 0; n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) {
            left -= n;
        }
    }

    private static void send(HttpExchange ex, CallbackEndpoint.Response r) throws IOException {
        send(ex, r.status(), r.contentType(), r.body());
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
        ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (head || body.length == 0) return;
        // closed here, not with the exchange: the exchange reads what is left of the request (a body not read
        // because the headers were refused) before it sends the response
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
