package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.stream.network.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The three things the Stream SDK (1.3.12) does not offer publicly, reached by reflection, and only here.
 *
 * <ul>
 *   <li>The open-API host is a private builder field (no setter in 1.3.12 or 1.3.13). Setting it lets operators
 *       use another DingTalk region or a proxy, and runs the real SDK against a loopback gateway in tests.</li>
 *   <li>The SDK never tells whether it is connected, nor when it reconnected. Readiness and the reconnect count
 *       read its session pool the way the SDK itself counts usable sessions: active and not told to go away.</li>
 *   <li>Its frame consumers start one by one as frames arrive; starting them all at once keeps the process's
 *       thread count flat under load, so that a growing count can only mean a leak.</li>
 * </ul>
 * If a future SDK renames these fields, setting the host fails loudly at start-up, readiness reports false and the
 * consumers start on demand.
 */
final class SdkInternals {

    private static final Logger log = LoggerFactory.getLogger(SdkInternals.class);

    private SdkInternals() {
    }

    static void setOpenApiHost(OpenDingTalkStreamClientBuilder builder, String host) {
        try {
            field(OpenDingTalkStreamClientBuilder.class, "openApiHost").set(builder, host);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this dingtalk-stream SDK does not let the open-API host be set", e);
        }
    }

    /** Starts all of the client's frame consumers now; leaves them to start on demand if the SDK hides them. */
    static void prestartConsumers(OpenDingTalkClient client) {
        try {
            if (field(client.getClass(), "executor").get(client) instanceof ThreadPoolExecutor pool) {
                pool.prestartAllCoreThreads();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("the dingtalk-stream SDK's consumers start on demand: {}", e.toString());
        }
    }

    /** True when the client holds at least one open session that was not told to go away. */
    static boolean hasLiveSession(OpenDingTalkClient client) {
        return liveSession(client) != null;
    }

    /** An open session of the client that was not told to go away (a new object per connection), or null. */
    static Session liveSession(OpenDingTalkClient client) {
        try {
            Object network = field(client.getClass(), "netWorkService").get(client);
            if (network == null) return null;
            Object pool = field(network.getClass(), "sessionPool").get(network);
            Map<?, ?> sessions = (Map<?, ?>) field(pool.getClass(), "sessions").get(pool);
            for (Object value : sessions.values()) {
                if (value instanceof Session s && s.isActive() && !s.isGoAway()) return s;
            }
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("cannot read the dingtalk-stream SDK's connection state: {}", e.toString());
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
