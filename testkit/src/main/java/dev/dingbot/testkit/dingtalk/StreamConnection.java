package dev.dingbot.testkit.dingtalk;

/** One Stream WebSocket the fake gateway accepted, as tests see it: a handle to push frames to. */
public interface StreamConnection {

    /** Position in the order the gateway accepted its connections, the first 0. */
    int index();

    /** The app (open-connection clientId) it belongs to. */
    String clientId();

    /** The ticket that opened it; the Java SDK uses it as its connectionId. */
    String ticket();

    /** Whether it is open and the gateway may push frames to it. */
    boolean isOpen();
}
