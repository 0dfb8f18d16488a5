package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.security.AuthClientCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * One Stream SDK client per configured app. The SDK connects on its own thread, retries every 5 s and rotates its
 * connection; a stopped client cannot be restarted. A watcher looks at each client's session every second and
 * reports a new session after the first as a reconnection.
 */
final class StreamClients implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamClients.class);

    private record App(String clientId, OpenDingTalkClient client, AtomicReference<Object> lastSession) {
        App(String clientId, OpenDingTalkClient client) {
            this(clientId, client, new AtomicReference<>());
        }
    }

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    /**
     * The SDK's frame consumers (its default is 16). Each one holds its frame until the inbox has it on the disk,
     * and only then is the frame ACKed; more consumers share each force, so a burst is admitted (and its ACKs sent)
     * several times faster on a slow disk.
     */
    private static final int CONSUMER_THREADS = 64;

    private final List<App> apps;
    private final DingTalkChannel.Events events;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "dingtalk-stream-watch");
        t.setDaemon(true);
        return t;
    });

    private StreamClients(List<App> apps, DingTalkChannel.Events events) {
        this.apps = apps;
        this.events = events;
    }

    static StreamClients start(DingTalkSettings settings, Function<String, BotMessageListener> listeners,
                               DingTalkChannel.Events events) {
        if (settings.credentials().isEmpty()) {
            log.warn("no DingTalk app (credentials) is configured: stream mode takes no messages");
        }
        List<App> apps = new ArrayList<>();
        StreamClients started = new StreamClients(apps, events);
        try {
            for (DingTalkSettings.Credential credential : settings.credentials()) {
                OpenDingTalkStreamClientBuilder builder = OpenDingTalkStreamClientBuilder.custom()
                        .consumeThreads(CONSUMER_THREADS)
                        .credential(new AuthClientCredential(credential.clientId(), credential.clientSecret()))
                        .registerCallbackListener(DingTalkStreamTopics.BOT_MESSAGE_TOPIC,
                                listeners.apply(credential.clientId()));
                SdkInternals.setOpenApiHost(builder, settings.apiHost());
                OpenDingTalkClient client = builder.build();
                SdkInternals.prestartConsumers(client);
                apps.add(new App(credential.clientId(), client));
                client.start();
                log.info("stream client for app {} started against {}", credential.clientId(), settings.apiHost());
            }
            started.watcher.scheduleWithFixedDelay(started::watch, WATCH_INTERVAL.toMillis(),
                    WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            return started;
        } catch (Exception e) {
            started.close();
            throw new IllegalStateException("the DingTalk stream client could not start", e);
        }
    }

    /** True when there is at least one app and every app has a usable connection. */
    boolean allConnected() {
        return !apps.isEmpty() && apps.stream().allMatch(app -> SdkInternals.hasLiveSession(app.client()));
    }

    private void watch() {
        for (App app : apps) {
            try {
                Object session = SdkInternals.liveSession(app.client());
                if (session == null) continue;
                Object previous = app.lastSession().getAndSet(session);
                if (previous != null && previous != session) {
                    log.info("stream client for app {} is connected again", app.clientId());
                    events.streamReconnected(app.clientId());
                }
            } catch (RuntimeException e) {
                log.warn("watching the stream client of app {} failed: {}", app.clientId(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        for (App app : apps) {
            try {
                app.client().stop();
            } catch (Exception e) {
                log.warn("stream client for app {} did not stop cleanly: {}", app.clientId(), e.toString());
            }
        }
    }
}
