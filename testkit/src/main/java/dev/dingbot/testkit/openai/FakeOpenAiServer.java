package dev.dingbot.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import dev.dingbot.testkit.EventStreamBody;
import dev.dingbot.testkit.FakeKeys;
import dev.dingbot.testkit.NoDelayServerSockets;
import dev.dingbot.testkit.RecordedRequests;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An OpenAI-compatible server on loopback. Scripted answers are served in order; when none is queued, {@code /models}
 * lists the model, {@code /images/generations} returns a tiny PNG, and every chat request gets the default answer, streamed (split into {@code chunkChars}-sized pieces, after {@code ttft}, with
 * {@code gap} between pieces) or whole, as the request asks. Scripted tool calls are answered the same way, their
 * arguments streamed in {@code chunkChars}-sized pieces. With {@link #refuseTools} every chat request offering
 * {@code tools} is refused with 400, as servers and models without tool support do. Told which keys it takes
 * ({@link #acceptKeys}), it answers any other key (Bearer or Azure's {@code api-key}) 401 {@code invalid_api_key};
 * keys {@linkplain #outOfQuotaKeys out of quota} get OpenAI's 429 {@code insufficient_quota} for chats and images
 * (models are still listed for them, as OpenAI does); such a refusal takes no scripted answer. Every request is
 * recorded, and the key it carried ({@link #keysUsed}); its
 * body ({@link #json}) shows the {@code tools} offered, the assistant's {@code tool_calls} and the {@code tool}
 * messages sent back.
 */
public final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A 1×1 PNG: what unscripted image generations return. */
    public static final byte[] TINY_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eL9GtQAAAABJRU5ErkJggg==");

    /** The faults {@link #failRandomly} serves. */
    public enum Fault {
        /** HTTP 503 with an error body. */
        SERVER_ERROR,
        /** HTTP 429 with {@code retry-after: 1}. */
        RATE_LIMITED,
        /** Part of the body (JSON or event stream), then the socket is closed. */
        CUT_MID_BODY,
        /** Headers at once, the body only after the stall. */
        STALL
    }

    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<Function<RecordedRequest, MockResponse>> scripted = new ConcurrentLinkedQueue<>();
    private volatile String model = "gpt-4o-mini";
    private volatile String defaultAnswer = "hello world";
    private volatile boolean echoQuestions;
    private volatile int chunkChars = 4;
    private volatile Duration ttft = Duration.ZERO;
    private volatile Duration gap = Duration.ZERO;
    private volatile RandomFaults faults;
    private volatile boolean refusesTools;
    private final FakeKeys keys = new FakeKeys();

    private FakeOpenAiServer() {
    }

    public static FakeOpenAiServer start() {
        var fake = new FakeOpenAiServer();
        fake.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse keyRefused = keyRefusal(request, fake.keys.judge(keyOf(request)));
                if (keyRefused != null) return keyRefused;
                if (fake.refusesTools && offersTools(request)) return toolsRefused();
                Function<RecordedRequest, MockResponse> script = fake.scripted.poll();
                MockResponse next = script != null ? script.apply(request) : fake.randomFault(request);
                return next != null ? next : fake.defaultResponse(request);
            }
        });
        fake.server.setServerSocketFactory(new NoDelayServerSockets());
        try {
            fake.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    /** {@code http://127.0.0.1:port/v1}: what a provider's base URL should be. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** {@code http://127.0.0.1:port}, without the API version. */
    public String rootUrl() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** The answer every unscripted chat request gets, and how it streams. */
    public FakeOpenAiServer defaultAnswer(String text, int chunkChars, Duration ttft, Duration gap) {
        this.defaultAnswer = text;
        this.chunkChars = Math.max(1, chunkChars);
        this.ttft = ttft;
        this.gap = gap;
        return this;
    }

    /**
     * From now on every unscripted chat answer is {@code "re: "} followed by the request's last user message, so
     * that a test can tell which question an answer belongs to, whichever instance asked.
     */
    public FakeOpenAiServer echoQuestions() {
        this.echoQuestions = true;
        return this;
    }

    /**
     * From now on about {@code share} of the unscripted chat requests fail, each with a {@link Fault} drawn at
     * random; {@code stall} is how long a {@link Fault#STALL} holds the body back. The same seed gives the same
     * sequence of faults for the same sequence of requests.
     */
    public FakeOpenAiServer failRandomly(double share, long seed, Duration stall) {
        faults = new RandomFaults(share, seed, stall);
        return this;
    }

    /** How many of each fault {@link #failRandomly} has served. */
    public Map<Fault, Integer> faultsServed() {
        RandomFaults f = faults;
        return f == null ? Map.of() : f.served();
    }

    /** Chat requests {@link #failRandomly} let through. */
    public int requestsPassed() {
        RandomFaults f = faults;
        return f == null ? 0 : f.passed();
    }

    /**
     * From now on every chat request offering {@code tools} gets 400 with an OpenAI-style error saying the model
     * does not support tools (before any scripted answer, which is kept for the next request); {@code false} ends it.
     */
    public FakeOpenAiServer refuseTools(boolean refuse) {
        this.refusesTools = refuse;
        return this;
    }

    /**
     * Queues an answer asking for these tool calls (several calls: one turn asking for all of them), streamed when
     * the request asks for a stream (each call's id and name first, then its arguments in {@code chunkChars}-sized
     * pieces over several chunks, then finish reason {@code tool_calls}, usage and [DONE]), whole otherwise.
     */
    public FakeOpenAiServer enqueueToolCalls(List<ScriptedToolCall> calls) {
        List<ScriptedToolCall> asked = List.copyOf(calls);
        scripted.add(request -> isStream(request) ? toolCallStream(asked)
                : json(OpenAiJson.toolCallCompletion(model, asked, 10, asked.size())));
        return this;
    }

    /** Queues a whole (non-streamed) answer. */
    public FakeOpenAiServer enqueueCompletion(String text) {
        return enqueueJson(200, OpenAiJson.completion(model, text, "stop", 10, 2));
    }

    /** Queues a streamed answer made of these content pieces, then a finish chunk, a usage chunk and [DONE]. */
    public FakeOpenAiServer enqueueStream(List<String> pieces, Duration ttft, Duration gap) {
        return enqueue(streamResponse(pieces, ttft, gap));
    }

    /** Queues raw event-stream text, written in the given pieces (each its own network write). */
    public FakeOpenAiServer enqueueRawStream(List<String> pieces, Duration gap) {
        return enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .body(new EventStreamBody(pieces, Duration.ZERO, gap)).build());
    }

    /** Queues an answer with this status and JSON (or any) body. */
    public FakeOpenAiServer enqueueJson(int status, String body) {
        return enqueue(new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .setHeader("x-request-id", "req_fake_" + status).body(body).build());
    }

    /** Queues any response, for cases the helpers do not cover (headers, socket effects, throttling). */
    public FakeOpenAiServer enqueue(MockResponse response) {
        scripted.add(request -> response);
        return this;
    }

    /**
     * Queues an error answer with this status whose message echoes the request's credentials (its
     * {@code Authorization} header, or Azure's {@code api-key}) and {@code echoed} (say, an internal address or proxy
     * credentials), as some servers and proxies in front of them do.
     */
    public FakeOpenAiServer enqueueErrorEchoingCredentials(int status, String echoed) {
        scripted.add(request -> {
            String credentials = request.getHeaders().get("Authorization");
            if (credentials == null) credentials = request.getHeaders().get("api-key");
            return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                    .body(OpenAiJson.error("Incorrect API key provided: " + credentials + " (" + echoed + ")",
                            "invalid_request_error", null)).build();
        });
        return this;
    }

    /**
     * From now on a request carrying another key than these, or none, gets 401 {@code invalid_api_key}; keys
     * {@linkplain #outOfQuotaKeys out of quota} are taken too.
     */
    public FakeOpenAiServer acceptKeys(String... accepted) {
        keys.accept(accepted);
        return this;
    }

    /** From now on chats and images with these keys get 429 {@code insufficient_quota}, as OpenAI sends it. */
    public FakeOpenAiServer outOfQuotaKeys(String... exhausted) {
        keys.outOfQuota(exhausted);
        return this;
    }

    /** The key every request carried so far, in order ("" for none). */
    public List<String> keysUsed() {
        return keys.used();
    }

    public int requestCount() {
        return server.getRequestCount();
    }

    /** The next recorded request, waiting up to 5 s; null if none came. */
    public RecordedRequest takeRequest() {
        return RecordedRequests.next(server);
    }

    /** The next recorded request's body as JSON. */
    public JsonNode takeRequestJson() {
        return RecordedRequests.nextJson(server, FakeOpenAiServer::json);
    }

    /** A recorded request's body as JSON. */
    public static JsonNode json(RecordedRequest request) {
        try {
            return MAPPER.readTree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IOException e) {
            throw new IllegalStateException("request body is not JSON", e);
        }
    }

    public MockWebServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse randomFault(RecordedRequest request) {
        RandomFaults f = faults;
        if (f == null || !request.getUrl().encodedPath().endsWith("/chat/completions")) return null;
        return f.next(isStream(request));
    }

    private static boolean isStream(RecordedRequest request) {
        return request.getBody() != null && request.getBody().utf8().contains("\"stream\":true");
    }

    private static boolean offersTools(RecordedRequest request) {
        if (!request.getUrl().encodedPath().endsWith("/chat/completions")) return false;
        try {
            return json(request).has("tools");
        } catch (IllegalStateException e) {
            return false; // not JSON: nothing offered
        }
    }

    /** The Bearer token, else Azure's {@code api-key}, else null. */
    private static String keyOf(RecordedRequest request) {
        String authorization = request.getHeaders().get("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) return authorization.substring(7);
        return request.getHeaders().get("api-key");
    }

    private static MockResponse keyRefusal(RecordedRequest request, FakeKeys.Verdict verdict) {
        return switch (verdict) {
            case ACCEPTED -> null;
            case UNKNOWN -> new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                    .setHeader("x-request-id", "req_fake_401")
                    .body(OpenAiJson.invalidApiKey(keyOf(request))).build();
            case OUT_OF_QUOTA -> request.getUrl().encodedPath().endsWith("/models") ? null
                    : new MockResponse.Builder().code(429).setHeader("Content-Type", "application/json")
                    .setHeader("x-request-id", "req_fake_429").body(OpenAiJson.insufficientQuota()).build();
        };
    }

    private static MockResponse toolsRefused() {
        return new MockResponse.Builder().code(400).setHeader("Content-Type", "application/json")
                .setHeader("x-request-id", "req_fake_400")
                .body(OpenAiJson.error("tools is not supported: this model does not support tools",
                        "invalid_request_error", null)).build();
    }

    private MockResponse toolCallStream(List<ScriptedToolCall> calls) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ScriptedToolCall call = calls.get(i);
            events.add("data: " + OpenAiJson.toolCallChunk(model, i, call, "") + "\n\n");
            for (String piece : EventStreamBody.split(call.arguments(), chunkChars)) {
                events.add("data: " + OpenAiJson.toolCallChunk(model, i, null, piece) + "\n\n");
            }
        }
        events.add("data: " + OpenAiJson.chunk(model, null, "tool_calls") + "\n\n");
        events.add("data: " + OpenAiJson.usageChunk(model, 10, calls.size()) + "\n\ndata: [DONE]\n\n");
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .body(new EventStreamBody(events, ttft, gap)).build();
    }

    private MockResponse defaultResponse(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/models")) return json(OpenAiJson.models(model));
        if (path.endsWith("/images/generations")) return json(OpenAiJson.image(TINY_PNG));
        if (!path.endsWith("/chat/completions")) {
            return new MockResponse.Builder().code(404).setHeader("Content-Type", "application/json")
                    .body(OpenAiJson.error("no fake for " + request.getUrl().encodedPath(), "invalid_request_error", null)).build();
        }
        String answer = echoQuestions ? "re: " + lastUserText(request) : defaultAnswer;
        if (isStream(request)) return streamResponse(EventStreamBody.split(answer, chunkChars), ttft, gap);
        return new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .bodyDelay(ttft.toNanos(), TimeUnit.NANOSECONDS)
                .body(OpenAiJson.completion(model, answer, "stop", 10, answer.length())).build();
    }

    private static String lastUserText(RecordedRequest request) {
        String text = "";
        for (JsonNode message : json(request).path("messages")) {
            if (message.path("role").asText().equals("user")) text = message.path("content").asText();
        }
        return text;
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(body).build();
    }

    private MockResponse streamResponse(List<String> pieces, Duration ttft, Duration gap) {
        List<String> events = new ArrayList<>();
        for (String piece : pieces) events.add("data: " + OpenAiJson.chunk(model, piece, null) + "\n\n");
        events.add("data: " + OpenAiJson.chunk(model, null, "stop") + "\n\n");
        events.add("data: " + OpenAiJson.usageChunk(model, 10, pieces.size()) + "\n\ndata: [DONE]\n\n");
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .body(new EventStreamBody(events, ttft, gap)).build();
    }
}
