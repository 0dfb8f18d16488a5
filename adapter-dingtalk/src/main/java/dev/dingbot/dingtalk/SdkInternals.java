package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.command.CommandDispatcher;
import com.dingtalk.open.app.api.protocol.AppServiceListener;
import com.dingtalk.open.app.stream.network.api.Session;
import com.dingtalk.open.app.stream.network.core.EndPointConnectionFactory;
import com.dingtalk.open.app.stream.network.core.NetWorkService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the Stream SDK (1.3.12) does not offer publicly, reached by reflection, and only here.
 *
 * <ul>
 *   <li>Its client opens connections with its own open-connection call: to a fixed host, with a 6 h timeout, every
 *       5 s, each failure logged with a stack trace. {@link #start} starts a client the way its own
 *       {@code start()} does, but with the bot's connection factory ({@link GatewayLink}) instead; this also lets
 *       operators use another DingTalk region or a proxy, and runs the real SDK against a loopback gateway in
 *       tests.</li>
 *   <li>The SDK never tells whether it is connected, nor when it reconnected. Readiness and the reconnect count
 *       read its session pool the way the SDK itself counts usable sessions: active and not told to go away.</li>
 *   <li>Its frame consumers start one by one as frames arrive and never stop; an idle one still holds ~90 KB of
 *       stack, so 64 of them are ~6 MB of an idle bot's memory. {@link #releaseIdleConsumers} lets them go after a
 *       quiet spell; the next burst starts them again.</li>
 *   <li>Its netty pools buffers in chunks of 4 MB on the heap and 4 MB off it, for one WebSocket per app that moves
 *       a few KB a second. {@link #useUnpooledHeapBuffers} makes it allocate each buffer on the heap as it needs
 *       it.</li>
 * </ul>
 * If a future SDK renames these fields, starting fails loudly, readiness reports false and the consumers stay as
 * the SDK keeps them.
 */
final class SdkInternals {

    private static final Logger log = LoggerFactory.getLogger(SdkInternals.class);
    private static final String NETTY_ALLOCATOR = "shade.io.netty.allocator.type";
    private static final String NETTY_NO_PREFER_DIRECT = "shade.io.netty.noPreferDirect";

    private SdkInternals() {
    }

    /**
     * Does what {@code OpenDingTalkStreamClient.start()} does in 1.3.12 (a network service over the client's
     * dispatcher, consumers and options, then the client marked active), with {@code connections} opening the
     * connections.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void start(OpenDingTalkClient client, EndPointConnectionFactory connections) {
        try {
            Class<?> type = client.getClass();
            Object option = field(type, "option").get(client);
            AtomicReference status = (AtomicReference) field(type, "status").get(client);
            Object keepAlive = call(option, "getKeepAliveOption");
            NetWorkService network = new NetWorkService(connections,
                    new AppServiceListener((CommandDispatcher) field(type, "dispatcher").get(client),
                            (Executor) field(type, "executor").get(client)),
                    (Integer) call(option, "getMaxConnectionCount"), (Integer) call(option, "getConnectionTTL"),
                    (Long) call(option, "getConnectTimeout"), (Long) call(keepAlive, "getKeepAliveIdleMill"));
            field(type, "netWorkService").set(client, network);
            network.start();
            status.set(Enum.valueOf((Class<Enum>) status.get().getClass(), "ACTIVE"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("this dingtalk-stream SDK cannot be started with the bot's connections", e);
        }
    }

    /**
     * The SDK's shaded netty reads these properties (its own names for {@code io.netty.allocator.type} and
     * {@code io.netty.noPreferDirect}) once, when it first allocates a buffer; call before any client is built.
     * Heap buffers, since a direct one allocated on its own is zeroed and registers a cleaner: unpooled direct
     * buffers took 2–4 s more of the bot's CPU than heap ones over P3 on JDK 17 (docs/BENCHMARKS.md). An
     * operator's own {@code -D} values stay.
     */
    static void useUnpooledHeapBuffers() {
        if (System.getProperty(NETTY_ALLOCATOR) == null) System.setProperty(NETTY_ALLOCATOR, "unpooled");
        if (System.getProperty(NETTY_NO_PREFER_DIRECT) == null) System.setProperty(NETTY_NO_PREFER_DIRECT, "true");
    }

    /** Lets the client's frame consumers stop after {@code idle} without a frame; they start again on demand. */
    static void releaseIdleConsumers(OpenDingTalkClient client, Duration idle) {
        try {
            if (field(client.getClass(), "executor").get(client) instanceof ThreadPoolExecutor pool) {
                pool.setKeepAliveTime(idle.toMillis(), TimeUnit.MILLISECONDS);
                pool.allowCoreThreadTimeOut(true);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("the dingtalk-stream SDK's consumers stay once started: {}", e.toString());
        }
    }

    /** True when the client holds at least one open session that was not told to go away. */
    static boolean hasLiveSession(OpenDingTalkClient client) {
        return liveSession(client) != null;
    }

    /** An open session of the client that was not told to go away (a new object per connection), or null. */
    static Session liveSession(OpenDingTalkClient client) {
        for (Object value : sessions(client).values()) {
            if (value instanceof Session s && s.isActive() && !s.isGoAway()) return s;
        }
        return null;
    }

    /** True while the client holds a session opened with {@code ticket} (its connection id), live or not. */
    static boolean hasSession(OpenDingTalkClient client, String ticket) {
        return sessions(client).containsKey(ticket);
    }

    /** The client's sessions by connection id; empty when it has none yet or the SDK hides them. */
    private static Map<?, ?> sessions(OpenDingTalkClient client) {
        try {
            Object network = field(client.getClass(), "netWorkService").get(client);
            if (network == null) return Map.of();
            Object pool = field(network.getClass(), "sessionPool").get(network);
            return (Map<?, ?>) field(pool.getClass(), "sessions").get(pool);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("cannot read the dingtalk-stream SDK's connection state: {}", e.toString());
            return Map.of();
        }
    }

    private static Object call(Object target, String getter) throws ReflectiveOperationException {
        Method method = target.getClass().getMethod(getter);
        method.setAccessible(true);
        return method.invoke(target);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
