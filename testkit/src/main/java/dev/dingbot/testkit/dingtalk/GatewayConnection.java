package dev.dingbot.testkit.dingtalk;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.util.function.BiConsumer;

/** The server side of one Stream WebSocket: which ticket and app opened it, and whether it is still open. */
final class GatewayConnection extends WebSocketListener implements StreamConnection {

    private final int index;
    private final String ticket;
    private final String clientId;
    private final BiConsumer<GatewayConnection, String> onText;
    private final Runnable onStateChange;
    private volatile WebSocket socket;
    private volatile boolean open;
    private volatile boolean draining; // told SYSTEM disconnect: DingTalk pushes no more bot messages to it

    GatewayConnection(int index, String ticket, String clientId, BiConsumer<GatewayConnection, String> onText,
                      Runnable onStateChange) {
        this.index = index;
        this.ticket = ticket;
        this.clientId = clientId;
        this.onText = onText;
        this.onStateChange = onStateChange;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public String ticket() {
        return ticket;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    boolean isDraining() {
        return draining;
    }

    void drain() {
        draining = true;
    }

    boolean send(String frame) {
        WebSocket ws = socket;
        return open && ws != null && ws.send(frame);
    }

    /** A graceful close initiated by the server, as the real gateway does some seconds after SYSTEM disconnect. */
    void close(String reason) {
        WebSocket ws = socket;
        if (ws != null) ws.close(1001, reason);
        open = false;
    }

    @Override
    public String toString() {
        return "connection " + index + " of " + clientId + (open ? "" : " (closed)");
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        socket = webSocket;
        open = true;
        onStateChange.run();
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        onText.accept(this, text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        open = false;
        webSocket.close(1000, null);
        onStateChange.run();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        open = false;
        onStateChange.run();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        open = false;
        onStateChange.run();
    }
}
