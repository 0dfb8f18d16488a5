package dev.dingbot.testkit.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.testkit.EventStreamBody;
import dev.dingbot.testkit.FakeKeys;
import dev.dingbot.testkit.NoDelayServerSockets;
import dev.dingbot.testkit.RecordedRequests;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}, and {@code GET /v1/models} listing {@link #LISTED_MODEL}) on
 * loopback. Like the real one it first checks each request: no {@code x-api-key} (or another key than
 * {@link #acceptKeys} allows) is 401 {@code authentication_error}; a key {@linkplain #outOfCreditKeys out of credit}
 * gets 400 "Your credit balance is too low" for messages (models are still listed); no {@code anthropic-version},
 * no {@code model} or {@code max_tokens}, messages that do not alternate between user and
 * assistant starting with the user, empty content, a {@code tool_result} that answers no {@code tool_use} of the
 * message before it, or a thinking budget not below {@code max_tokens} are 400 {@code invalid_request_error}. Such a
 * refusal takes no scripted answer. Then scripted answers are served in order, streamed (SSE as Anthropic frames it)
 * when the request says {@code "stream": true}, whole otherwise; unscripted requests get the default answer. Every
 * request is recorded, headers and body, and the key it carried ({@link #keysUsed}).
 */
public final class FakeAnthropicServer implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<Function<RecordedRequest, MockResponse>> scripted = new ConcurrentLinkedQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile String defaultAnswer = "hello world";
    private volatile int chunkChars = 4;
    private volatile Duration eventGap = Duration.ZERO;
    private final FakeKeys keys = new FakeKeys();
    /** The model {@code GET /v1/models} lists. */
    public static final String LISTED_MODEL = "claude-sonnet-4-5";
    /** Its message as the API sends it for an account whose prepaid credits ran out. */
    public static final String CREDIT_TOO_LOW = "Your credit balance is too low to access the Anthropic API. "
            + "Please go to Plans & Billing to upgrade or purchase credits.";

    private FakeAnthropicServer() {
    }

    public static FakeAnthropicServer start() {
        var fake = new FakeAnthropicServer();
        fake.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                MockResponse refused = fake.refusal(request);
                if (refused != null) return refused;
                Function<RecordedRequest, MockResponse> script = fake.scripted.poll();
                return script != null ? script.apply(request) : fake.answer(request, ScriptedMessage.text(fake.defaultAnswer));
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

    /** {@code http://127.0.0.1:port}: the base URL a client appends {@code /v1/messages} to. */
    public String baseUrl() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** The answer every unscripted request gets, streamed in {@code chunkChars}-sized text deltas. */
    public FakeAnthropicServer defaultAnswer(String text, int chunkChars) {
        this.defaultAnswer = text;
        this.chunkChars = Math.max(1, chunkChars);
        return this;
    }

    /** From now on the events of every stream are sent this far apart, the first one as soon as the headers. */
    public FakeAnthropicServer eventGap(Duration gap) {
        this.eventGap = gap;
        return this;
    }

    /**
     * From now on a request with another {@code x-api-key} than these gets 401 {@code authentication_error}; keys
     * {@linkplain #outOfCreditKeys out of credit} are taken too.
     */
    public FakeAnthropicServer acceptKeys(String... accepted) {
        keys.accept(accepted);
        return this;
    }

    /** From now on messages with these keys get 400 {@code invalid_request_error}, {@link #CREDIT_TOO_LOW}. */
    public FakeAnthropicServer outOfCreditKeys(String... exhausted) {
        keys.outOfQuota(exhausted);
        return this;
    }

    /** The {@code x-api-key} every request carried so far, in order ("" for none). */
    public List<String> keysUsed() {
        return keys.used();
    }

    /** Queues an answer, streamed or whole as the request asks. */
    public FakeAnthropicServer enqueueMessage(ScriptedMessage message) {
        scripted.add(request -> answer(request, message));
        return this;
    }

    /** Queues an error answer: this status and Anthropic's error body ({@code error.type}, {@code error.message}). */
    public FakeAnthropicServer enqueueError(int status, String type, String message) {
        return enqueue(errorResponse(status, type, message).build());
    }

    /**
     * Queues, for a stream, {@code message_start}, a text block whose deltas are {@code text}, then an {@code error}
     * event of this type (as Anthropic sends {@code overloaded_error} when it runs out of capacity mid-answer); for a
     * whole request, 529 with that error.
     */
    public FakeAnthropicServer enqueueErrorEventAfter(String text, String type, String message) {
        scripted.add(request -> isStream(request)
                ? eventStream(MessagesWire.failingMidStream(nextId(), model(request), text, type, message))
                : errorResponse(529, type, message).build());
        return this;
    }

    /** Queues any response, for what the helpers do not cover (headers, socket effects). */
    public FakeAnthropicServer enqueue(MockResponse response) {
        scripted.add(request -> response);
        return this;
    }

    /** An error response with Anthropic's body and {@code request-id} header, to add headers to before queueing. */
    public MockResponse.Builder errorResponse(int status, String type, String message) {
        String id = "req_fake_" + ids.incrementAndGet();
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
                .setHeader("request-id", id).body(MessagesWire.error(type, message, id));
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
        return RecordedRequests.nextJson(server, FakeAnthropicServer::json);
    }

    /** A recorded request's body as JSON; null when it is not JSON. */
    public static JsonNode json(RecordedRequest request) {
        try {
            return MessagesWire.MAPPER.readTree(request.getBody() == null ? "" : request.getBody().utf8());
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(RecordedRequest request, ScriptedMessage message) {
        if (isStream(request)) return eventStream(MessagesWire.events(nextId(), model(request), message, chunkChars));
        return new MockResponse.Builder().setHeader("Content-Type", "application/json")
                .setHeader("request-id", "req_fake_" + ids.incrementAndGet())
                .body(MessagesWire.message(nextId(), model(request), message)).build();
    }

    private MockResponse eventStream(List<String> events) {
        return new MockResponse.Builder().setHeader("Content-Type", "text/event-stream; charset=utf-8")
                .setHeader("request-id", "req_fake_" + ids.incrementAndGet())
                .body(new EventStreamBody(events, Duration.ZERO, eventGap)).build();
    }

    private String nextId() {
        return "msg_fake_" + ids.incrementAndGet();
    }

    private static String model(RecordedRequest request) {
        JsonNode body = json(request);
        return body == null ? "" : body.path("model").asText("");
    }

    private static boolean isStream(RecordedRequest request) {
        JsonNode body = json(request);
        return body != null && body.path("stream").asBoolean(false);
    }

    /** What the real API refuses before it answers (a listing of the models is an answer here), or null. */
    private MockResponse refusal(RecordedRequest request) {
        boolean models = request.getMethod().equals("GET") && request.getUrl().encodedPath().equals("/v1/models");
        if (!models && (!request.getMethod().equals("POST") || !request.getUrl().encodedPath().equals("/v1/messages"))) {
            return errorResponse(404, "not_found_error", "Not Found").build();
        }
        String key = request.getHeaders().get("x-api-key");
        FakeKeys.Verdict verdict = keys.judge(key);
        if (key == null || key.isBlank()) {
            return errorResponse(401, "authentication_error", "x-api-key header is required").build();
        }
        if (verdict == FakeKeys.Verdict.UNKNOWN) {
            return errorResponse(401, "authentication_error", "invalid x-api-key").build();
        }
        if (request.getHeaders().get("anthropic-version") == null) {
            return errorResponse(400, "invalid_request_error", "anthropic-version: header is required").build();
        }
        if (models) {
            return new MockResponse.Builder().setHeader("Content-Type", "application/json")
                    .setHeader("request-id", "req_fake_" + ids.incrementAndGet())
                    .body(MessagesWire.models(LISTED_MODEL)).build();
        }
        if (verdict == FakeKeys.Verdict.OUT_OF_QUOTA) {
            return errorResponse(400, "invalid_request_error", CREDIT_TOO_LOW).build();
        }
        String problem = problemOf(json(request));
        return problem == null ? null : errorResponse(400, "invalid_request_error", problem).build();
    }

    private static String problemOf(JsonNode body) {
        if (body == null || !body.isObject()) return "The request body is not valid JSON.";
        if (!body.path("model").isTextual() || body.path("model").asText().isEmpty()) return "model: Field required";
        if (!body.path("max_tokens").isInt() || body.path("max_tokens").asInt() < 1) return "max_tokens: Field required";
        JsonNode thinking = body.path("thinking");
        if (thinking.isObject() && thinking.path("budget_tokens").asInt() >= body.path("max_tokens").asInt()) {
            return "max_tokens must be greater than thinking.budget_tokens";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) return "messages: at least one message is required";
        Set<String> offeredCalls = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages." + i + ".role: Input should be 'user' or 'assistant'";
            }
            if (i == 0 && !role.equals("user")) return "messages: first message must use the \"user\" role";
            if (i > 0 && role.equals(messages.get(i - 1).path("role").asText())) {
                return "messages: roles must alternate between \"user\" and \"assistant\"";
            }
            String contentProblem = contentProblem(i, message.path("content"), role, offeredCalls);
            if (contentProblem != null) return contentProblem;
        }
        return null;
    }

    /** Checks one message's content; collects an assistant's tool_use ids for the user message after it. */
    private static String contentProblem(int i, JsonNode content, String role, Set<String> offeredCalls) {
        if (content.isTextual()) {
            if (content.asText().isEmpty()) return "messages." + i + ": all messages must have non-empty content";
            offeredCalls.clear();
            return null;
        }
        if (!content.isArray() || content.isEmpty()) return "messages." + i + ": all messages must have non-empty content";
        Set<String> calls = new HashSet<>();
        boolean pastResults = false;
        for (JsonNode block : content) {
            String type = block.path("type").asText("");
            switch (type) {
                case "text" -> {
                    if (block.path("text").asText("").isEmpty()) return "messages." + i + ": text content blocks must be non-empty";
                    pastResults = true;
                }
                case "image" -> {
                    JsonNode source = block.path("source");
                    if (!source.path("type").asText().equals("base64") || source.path("data").asText("").isEmpty()
                            || !source.path("media_type").asText().startsWith("image/")) {
                        return "messages." + i + ": image source must be base64 with a media_type";
                    }
                    pastResults = true;
                }
                case "tool_use" -> {
                    if (!role.equals("assistant")) return "messages." + i + ": tool_use blocks belong to assistant messages";
                    if (!block.path("input").isObject()) return "messages." + i + ": tool_use.input must be an object";
                    calls.add(block.path("id").asText());
                }
                case "tool_result" -> {
                    if (!role.equals("user") || pastResults) {
                        return "messages." + i + ": tool_result blocks must come first in a user message";
                    }
                    if (!offeredCalls.contains(block.path("tool_use_id").asText())) {
                        return "messages." + i + ": unexpected `tool_use_id` found in `tool_result` blocks: "
                                + block.path("tool_use_id").asText();
                    }
                }
                default -> {
                    return "messages." + i + ": unknown content block type " + type;
                }
            }
        }
        offeredCalls.clear();
        offeredCalls.addAll(calls);
        return null;
    }
}
