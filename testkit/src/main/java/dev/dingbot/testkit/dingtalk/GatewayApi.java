package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.IntSupplier;

/**
 * The fake OpenAPI host: serves {@code POST /v1.0/gateway/connections/open} with single-use tickets and hands
 * every other path to the caller's dispatcher (404 without one).
 */
final class GatewayApi extends Dispatcher {

    static final String OPEN_CONNECTION_PATH = "/v1.0/gateway/connections/open";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dispatcher otherPaths;
    private final IntSupplier webSocketPort;
    private final Runnable onChange;
    private final Map<String, String> unusedTickets = new ConcurrentHashMap<>();
    private final List<String> openConnectionBodies = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private volatile BiPredicate<String, String> knownApps = (clientId, clientSecret) -> true;
    private volatile boolean unreachable;

    GatewayApi(Dispatcher otherPaths, IntSupplier webSocketPort, Runnable onChange) {
        this.otherPaths = otherPaths;
        this.webSocketPort = webSocketPort;
        this.onChange = onChange;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (!OPEN_CONNECTION_PATH.equals(request.getUrl().encodedPath())) {
            return otherPaths != null ? otherPaths.dispatch(request)
                    : new MockResponse.Builder().code(404).body("{\"code\":\"NotFound\"}").build();
        }
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        openConnectionBodies.add(body);
        onChange.run();
        if (unreachable) {
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        JsonNode credential = parse(body);
        if (!knownApps.test(credential.path("clientId").asText(""), credential.path("clientSecret").asText(""))) {
            // What api.dingtalk.com answers to an unknown AppKey or a wrong AppSecret.
            return json(401, "{\"requestid\":\"fake-request\",\"code\":\"authFailed\",\"message\":\"鉴权失败\"}");
        }
        if (refusalsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return json(403, "{\"code\":\"Forbidden.AccessDenied\",\"message\":\"refused by the fake gateway\"}");
        }
        String ticket = UUID.randomUUID().toString();
        unusedTickets.put(ticket, credential.path("clientId").asText(""));
        ObjectNode answer = JSON.createObjectNode()
                .put("endpoint", "wss://127.0.0.1:" + webSocketPort.getAsInt() + "/connect")
                .put("ticket", ticket);
        return json(200, answer.toString());
    }

    /** The app that obtained {@code ticket}, once: a ticket opens one connection only. Null when unknown. */
    String redeem(String ticket) {
        return ticket == null ? null : unusedTickets.remove(ticket);
    }

    void refuse(int times) {
        refusalsLeft.set(times);
    }

    void acceptOnly(BiPredicate<String, String> clientIdAndSecret) {
        knownApps = clientIdAndSecret;
    }

    void unreachable(boolean value) {
        unreachable = value;
    }

    List<String> openConnectionBodies() {
        return List.copyOf(openConnectionBodies);
    }

    int openConnectionCalls() {
        return openConnectionBodies.size();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }
}
