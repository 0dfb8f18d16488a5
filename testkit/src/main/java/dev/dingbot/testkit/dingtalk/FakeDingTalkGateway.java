package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import dev.dingbot.testkit.NoDelayServerSockets;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;

/**
 * A loopback DingTalk Stream gateway that the real {@code dingtalk-stream} SDK connects to.
 *
 * <p>Two servers: the OpenAPI host (plain HTTP) answers {@code POST /v1.0/gateway/connections/open} with a fresh
 * single-use ticket and a {@code wss://127.0.0.1:<port>/connect} endpoint, and hands every other path to an
 * optional {@link Dispatcher} (404 without one); the gateway (TLS WebSocket) accepts {@code /connect?ticket=} and
 * exchanges Stream frames. Point the SDK's open-API host at {@link #apiBaseUrl()}. The gateway's certificate is
 * trusted JVM-wide by {@link #trustGatewayCertificate()}, which {@link #start()} calls.
 *
 * <p>Like DingTalk, it keeps every open connection of an app (each open-connection ticket opens one) and pushes each
 * bot message to ONE of them, chosen at random ({@link #seed} makes the choice repeatable) or as the test says; a
 * connection told {@code SYSTEM disconnect} gets no more bot messages while another is open. {@link #deliveries()}
 * says where each frame went and whether it was ACKed.
 */
public final class FakeDingTalkGateway implements AutoCloseable {

    public static final String OPEN_CONNECTION_PATH = GatewayApi.OPEN_CONNECTION_PATH;
    public static final String BOT_TOPIC = "/v1.0/im/bot/messages/get";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();

    private final MockWebServer api = new MockWebServer();
    private final MockWebServer gateway = new MockWebServer();
    private final GatewayApi apiPaths;
    private final AppConnections connections = new AppConnections();
    private final Map<String, Long> pushedAt = new ConcurrentHashMap<>();
    private final List<StreamAck> acks = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>(); // bot-message frames, in the order written
    private final Object changed = new Object();
    private volatile Redelivery redelivery; // null: bot messages are sent once, fire-and-forget

    /** A gateway whose OpenAPI host serves only the open-connection call. */
    public FakeDingTalkGateway() {
        this(null);
    }

    /** A gateway whose OpenAPI host hands every path but open-connection to {@code otherPaths}. */
    public FakeDingTalkGateway(Dispatcher otherPaths) {
        this.apiPaths = new GatewayApi(otherPaths, gateway::getPort, this::signal);
    }

    /** Makes this JVM trust the fake gateway's certificate (once per JVM; later calls do nothing). */
    public static void trustGatewayCertificate() {
        GatewayTrust.install();
    }

    public FakeDingTalkGateway start() {
        try {
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            gateway.setServerSocketFactory(new NoDelayServerSockets());
            api.setServerSocketFactory(new NoDelayServerSockets());
            gateway.useHttps(GatewayTrust.serverSocketFactory());
            gateway.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return upgrade(request);
                }
            });
            gateway.start(loopback, 0);
            api.setDispatcher(apiPaths);
            api.start(loopback, 0);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAPI host, e.g. {@code http://127.0.0.1:40123}, without a trailing slash. */
    public String apiBaseUrl() {
        return "http://127.0.0.1:" + api.getPort();
    }

    public int webSocketPort() {
        return gateway.getPort();
    }

    // ---- pushing frames -------------------------------------------------------------------------------------

    /**
     * Pushes a bot message (the payload JSON) as a CALLBACK frame to one open connection, chosen at random, of the
     * app of the newest open connection; returns the frame's messageId. After {@link #redeliverUnacked} it may also
     * be queued for the next connection.
     */
    public String pushBotMessage(String payloadJson) {
        return pushBotMessage(null, null, payloadJson);
    }

    /** Pushes a bot message to one open connection, chosen at random, of the app {@code clientId}. */
    public String pushBotMessageTo(String clientId, String payloadJson) {
        Objects.requireNonNull(clientId, "clientId");
        return pushBotMessage(clientId, null, payloadJson);
    }

    /**
     * Pushes a bot message to the connection {@code index} in connect order (see {@link #connections()}); when it
     * has closed, to another open connection of its app, as DingTalk does when a connection drops.
     */
    public String pushBotMessageTo(int index, String payloadJson) {
        GatewayConnection target = connections.get(index);
        return pushBotMessage(target.clientId(), target, payloadJson);
    }

    /** Pushes a bot message to {@code connection}; when it has closed, to another open connection of its app. */
    public String pushBotMessageTo(StreamConnection connection, String payloadJson) {
        return pushBotMessageTo(connection.index(), payloadJson);
    }

    /**
     * Pushes a copy of the bot-message frame {@code messageId} (same data, so the same msgId, and a new header
     * messageId, as DingTalk's duplicates come) to an open connection of its app other than the one it went to;
     * returns the copy's messageId. The copy is not tracked by {@link #redeliverUnacked}.
     *
     * @throws IllegalStateException when no other connection of the app is open
     */
    public String redeliver(String messageId) {
        Sent original = sent.stream().filter(s -> s.messageId().equals(messageId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bot message was sent as " + messageId));
        String copyId = newMessageId();
        Set<GatewayConnection> excluded = new HashSet<>(Set.of(original.connection()));
        if (deliver(original.connection().clientId(), null, null, excluded, copyId, original.data()) == null) {
            throw new IllegalStateException("no other open stream connection of " + original.connection().clientId());
        }
        return copyId;
    }

    /** From now on the connection for each bot message is chosen by a {@link Random} of this seed. */
    public FakeDingTalkGateway seed(long seed) {
        connections.seed(seed);
        return this;
    }

    /**
     * From now on bot messages are delivered at least once, as the real gateway does: a frame not ACKed with code
     * 200 within {@code ackTimeout}, or sent on a connection that has closed since, is pushed again (new header
     * messageId, same data) to another open connection of its app when there is one, else to the same; a message
     * pushed while no connection is open waits for the next one.
     */
    public FakeDingTalkGateway redeliverUnacked(Duration ackTimeout) {
        return redeliverUnacked(ackTimeout, Integer.MAX_VALUE);
    }

    /**
     * As {@link #redeliverUnacked(Duration)}, but a bot message is written at most {@code maxDeliveries} times;
     * then the gateway gives up on it (see {@link #abandonedBotMessages()}).
     */
    public synchronized FakeDingTalkGateway redeliverUnacked(Duration ackTimeout, int maxDeliveries) {
        if (redelivery != null) throw new IllegalStateException("redelivery is already on");
        redelivery = new Redelivery(ackTimeout, maxDeliveries, FakeDingTalkGateway::newMessageId,
                (clientId, preferred, avoid, messageId, data) ->
                        deliver(clientId, preferred, avoid, new HashSet<>(), messageId, data), this::signal);
        return this;
    }

    /** Bot messages the gateway gave up on after their last delivery went un-ACKed (see maxDeliveries). */
    public int abandonedBotMessages() {
        Redelivery atLeastOnce = redelivery;
        return atLeastOnce == null ? 0 : atLeastOnce.abandoned();
    }

    /** Waits until the gateway has given up on {@code count} bot messages (see maxDeliveries). */
    public boolean awaitBotMessagesAbandoned(int count, Duration timeout) {
        return await(() -> abandonedBotMessages() >= count, timeout);
    }

    /** Bot messages pushed but not yet ACKed with code 200 (with {@link #redeliverUnacked} on; else 0). */
    public int unackedBotMessages() {
        Redelivery atLeastOnce = redelivery;
        return atLeastOnce == null ? 0 : atLeastOnce.pending();
    }

    /** Frames pushed again because their ACK did not come (with {@link #redeliverUnacked} on; else 0). */
    public int redeliveries() {
        Redelivery atLeastOnce = redelivery;
        return atLeastOnce == null ? 0 : atLeastOnce.redeliveries();
    }

    /** Bot messages pushed while no connection was open, delivered later (with {@link #redeliverUnacked} on). */
    public int heldWhileDisconnected() {
        Redelivery atLeastOnce = redelivery;
        return atLeastOnce == null ? 0 : atLeastOnce.held();
    }

    public boolean awaitAllBotMessagesAcked(Duration timeout) {
        return await(() -> unackedBotMessages() == 0, timeout);
    }

    /** Sends a frame as given (any JSON or none) to the newest open connection. */
    public void pushRawFrame(String frame) {
        if (!newestOpen().send(frame)) throw new IllegalStateException("the frame could not be sent");
    }

    /** Sends {@code SYSTEM ping} with {@code {"opaque":...}}; returns the frame's messageId. */
    public String ping(String opaque) {
        ObjectNode data = JSON.createObjectNode().put("opaque", opaque);
        return push(newestOpen(), "SYSTEM", "ping", data.toString());
    }

    /** Sends {@code SYSTEM disconnect} to the newest open connection and leaves that connection open. */
    public String disconnect() {
        GatewayConnection target = newestOpen();
        target.drain();
        return push(target, "SYSTEM", "disconnect", disconnectData());
    }

    /**
     * Sends {@code SYSTEM disconnect} to the newest open connection and closes it {@code closeAfter} later, as the
     * real gateway does (about 10 s).
     */
    public String disconnect(Duration closeAfter) {
        GatewayConnection target = newestOpen();
        target.drain();
        String messageId = push(target, "SYSTEM", "disconnect", disconnectData());
        CompletableFuture.runAsync(() -> {
            target.close("connection is expired");
            signal();
        }, CompletableFuture.delayedExecutor(closeAfter.toMillis(), TimeUnit.MILLISECONDS));
        return messageId;
    }

    /** Closes the newest open connection from the server side, with a WebSocket close handshake. */
    public void closeSocket() {
        newestOpen().close("closed by the fake gateway");
        signal();
    }

    /** The next {@code times} open-connection calls get HTTP 403, as for a rejected credential. */
    public void refuseOpenConnection(int times) {
        apiPaths.refuse(times);
    }

    /**
     * From now on an open-connection call whose clientId/clientSecret pair {@code knownApps} does not accept gets
     * what DingTalk answers a wrong AppSecret: HTTP 401 {@code {"code":"authFailed","message":"鉴权失败"}}. By
     * default every pair is accepted.
     */
    public FakeDingTalkGateway acceptOnly(BiPredicate<String, String> knownApps) {
        apiPaths.acceptOnly(knownApps);
        return this;
    }

    /**
     * While true, the OpenAPI host takes each open-connection call and closes the socket without an answer, as a
     * host cut off by a firewall or a broken proxy; the client sees an I/O error.
     */
    public void unreachable(boolean value) {
        apiPaths.unreachable(value);
    }

    // ---- what happened ----------------------------------------------------------------------------------------

    public int openConnectionCalls() {
        return apiPaths.openConnectionCalls();
    }

    /** The JSON bodies of all open-connection calls, oldest first. */
    public List<String> openConnectionBodies() {
        return apiPaths.openConnectionBodies();
    }

    /** WebSocket connections ever opened. */
    public int connectionsOpened() {
        return connections.all().size();
    }

    public int openConnections() {
        return (int) connections.all().stream().filter(GatewayConnection::isOpen).count();
    }

    /** Every connection ever opened, in connect order (a connection's {@link StreamConnection#index()}). */
    public List<StreamConnection> connections() {
        return List.copyOf(connections.all());
    }

    /** The open connections of the app {@code clientId}, in connect order. */
    public List<StreamConnection> openConnections(String clientId) {
        return List.copyOf(connections.open(clientId));
    }

    /**
     * Waits until exactly {@code count} connections of the app {@code clientId} are open: as many bot processes
     * connected, or the connections of killed ones seen closed.
     */
    public boolean awaitOpenConnections(String clientId, int count, Duration timeout) {
        return await(() -> connections.open(clientId).size() == count, timeout);
    }

    /** Every bot-message frame written, oldest first, each with where it went and the client's answer so far. */
    public List<StreamDelivery> deliveries() {
        return sent.stream().map(this::delivery).toList();
    }

    /** The frames written for the bot message {@code msgId} (the payload's), oldest first. */
    public List<StreamDelivery> deliveriesOf(String msgId) {
        return sent.stream().filter(s -> s.msgId().equals(msgId)).map(this::delivery).toList();
    }

    /** Waits until some frame of the bot message {@code msgId} is ACKed with code 200; returns that delivery. */
    public Optional<StreamDelivery> awaitAcked(String msgId, Duration timeout) {
        await(() -> ackedDelivery(msgId).isPresent(), timeout);
        return ackedDelivery(msgId);
    }

    /** Every frame the clients sent back (ACKs and ping answers), in arrival order. */
    public List<StreamAck> acks() {
        return List.copyOf(acks);
    }

    public Optional<StreamAck> ackOf(String messageId) {
        return acks.stream().filter(a -> a.messageId().equals(messageId)).findFirst();
    }

    public Optional<StreamAck> awaitAck(String messageId, Duration timeout) {
        await(() -> ackOf(messageId).isPresent(), timeout);
        return ackOf(messageId);
    }

    public boolean awaitAcks(int count, Duration timeout) {
        return await(() -> acks.size() >= count, timeout);
    }

    public boolean awaitOpenConnectionCalls(int count, Duration timeout) {
        return await(() -> openConnectionCalls() >= count, timeout);
    }

    /** Waits until {@code count} connections were ever opened and the newest one is open. */
    public boolean awaitConnections(int count, Duration timeout) {
        return await(() -> {
            List<GatewayConnection> all = connections.all();
            return all.size() >= count && all.get(all.size() - 1).isOpen();
        }, timeout);
    }

    /** Waits until no connection is open. */
    public boolean awaitNoOpenConnection(Duration timeout) {
        return await(() -> openConnections() == 0, timeout);
    }

    @Override
    public void close() {
        Redelivery atLeastOnce = redelivery;
        if (atLeastOnce != null) atLeastOnce.close();
        for (GatewayConnection c : connections.all()) {
            if (c.isOpen()) c.close("gateway shutting down");
        }
        gateway.close();
        api.close();
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private MockResponse upgrade(RecordedRequest request) {
        String ticket = request.getUrl().queryParameter("ticket");
        String clientId = apiPaths.redeem(ticket);
        if (!"/connect".equals(request.getUrl().encodedPath()) || clientId == null) {
            return new MockResponse.Builder().code(401).body("unknown ticket").build();
        }
        GatewayConnection connection = connections.add(ticket, clientId, this::received, this::signal);
        return new MockResponse.Builder().webSocketUpgrade(connection).build();
    }

    private void received(GatewayConnection from, String text) {
        long now = System.nanoTime();
        try {
            JsonNode frame = JSON.readTree(text);
            String messageId = frame.path("headers").path("messageId").asText("");
            Redelivery atLeastOnce = redelivery;
            if (atLeastOnce != null) atLeastOnce.acked(messageId, frame.path("code").asInt(0));
            acks.add(new StreamAck(messageId, frame.path("code").asInt(0), frame.path("message").asText(""),
                    frame.path("data").asText(""), text, pushedAt.getOrDefault(messageId, 0L), now));
        } catch (JsonProcessingException e) {
            acks.add(new StreamAck("", 0, "", "", text, 0, now));
        }
        signal();
    }

    private String pushBotMessage(String clientId, GatewayConnection preferred, String payloadJson) {
        Redelivery atLeastOnce = redelivery;
        if (atLeastOnce != null) return atLeastOnce.push(clientId, preferred, payloadJson);
        String messageId = newMessageId();
        if (deliver(clientId, preferred, null, new HashSet<>(), messageId, payloadJson) == null) {
            throw new IllegalStateException("no open stream connection" + (clientId == null ? "" : " of " + clientId));
        }
        return messageId;
    }

    /**
     * Writes a bot-message frame to {@code preferred} when it is open, else to an open connection of the app picked
     * by {@link AppConnections#pick} (trying the next when a write fails); returns where it went, null when nowhere.
     */
    private GatewayConnection deliver(String clientId, GatewayConnection preferred, GatewayConnection avoid,
                                      Set<GatewayConnection> excluded, String messageId, String data) {
        GatewayConnection target = preferred != null && preferred.isOpen() ? preferred
                : connections.pick(clientId, avoid, excluded);
        while (target != null) {
            if (send(target, messageId, "CALLBACK", BOT_TOPIC, data)) {
                sent.add(new Sent(msgIdOf(data), messageId, data, target, pushedAt.get(messageId)));
                return target;
            }
            excluded.add(target);
            target = connections.pick(clientId, avoid, excluded);
        }
        return null;
    }

    private StreamDelivery delivery(Sent frame) {
        return new StreamDelivery(frame.msgId(), frame.messageId(), frame.connection(), frame.sentNanos(),
                ackOf(frame.messageId()));
    }

    private Optional<StreamDelivery> ackedDelivery(String msgId) {
        return deliveriesOf(msgId).stream().filter(StreamDelivery::acked).findFirst();
    }

    private static String msgIdOf(String payloadJson) {
        try {
            return JSON.readTree(payloadJson).path("msgId").asText("");
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private String push(GatewayConnection target, String type, String topic, String data) {
        String messageId = newMessageId();
        if (!send(target, messageId, type, topic, data)) throw new IllegalStateException("the frame could not be sent");
        return messageId;
    }

    private static String newMessageId() {
        return "fake_" + MESSAGE_IDS.incrementAndGet() + "_" + Long.toHexString(System.nanoTime());
    }

    private boolean send(GatewayConnection target, String messageId, String type, String topic, String data) {
        ObjectNode frame = JSON.createObjectNode().put("specVersion", "1.0").put("type", type);
        frame.putObject("headers")
                .put("appId", target.clientId())
                .put("connectionId", target.ticket())
                .put("contentType", "application/json")
                .put("messageId", messageId)
                .put("time", Long.toString(System.currentTimeMillis()))
                .put("topic", topic);
        frame.put("data", data);
        pushedAt.put(messageId, System.nanoTime());
        return target.send(frame.toString());
    }

    private GatewayConnection newestOpen() {
        GatewayConnection open = connections.newestOpenOrNull();
        if (open == null) throw new IllegalStateException("no open stream connection");
        return open;
    }

    private static String disconnectData() {
        return JSON.createObjectNode().put("reason", "connection is expired").toString();
    }

    /** One bot-message frame as written. */
    private record Sent(String msgId, String messageId, String data, GatewayConnection connection, long sentNanos) {
    }

    private void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    private boolean await(BooleanSupplier condition, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                try {
                    changed.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
