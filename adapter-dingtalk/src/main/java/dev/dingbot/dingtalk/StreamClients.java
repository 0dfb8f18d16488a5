package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.security.AuthClientCredential;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * One Stream SDK client per configured app, each opening its connections through a {@link GatewayLink}. The SDK
 * asks for a connection every 5 s while it has none and rotates its connection; a stopped client cannot be
 * restarted. A watcher looks at each client's session: the first one makes the app ready, a new one after it is a
 * reconnection. It looks every 50 ms until every app has had its first session, so that the bot says it is ready
 * as soon as it is, and every second after that.
 */
final class StreamClients implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamClients.class);

    private record App(GatewayLink link, OpenDingTalkClient client, AtomicReference<Object> lastSession) {
        App(GatewayLink link, OpenDingTalkClient client) {
            this(link, client, new AtomicReference<>());
        }

        String clientId() {
            return link.clientId();
        }
    }

    /** The clients, unless DingTalk rejected every app at once; and how it answered each app's first call. */
    record Start(Optional<StreamClients> clients, List<DingTalkChannel.CredentialCheck> firstAnswers) {
    }

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration FIRST_SESSION_WATCH_INTERVAL = Duration.ofMillis(50);

    /**
     * The SDK's frame consumers (its default is 16). Each one holds its frame until the inbox has it on the disk,
     * and only then is the frame ACKed; more consumers share each force, so a burst is admitted (and its ACKs sent)
     * several times faster on a slow disk.
     */
    private static final int CONSUMER_THREADS = 64;
    /** How long a frame consumer waits for the next frame before it stops (the SDK's own is 3 s). */
    private static final Duration CONSUMER_IDLE = Duration.ofMinutes(1);

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

    static Start start(DingTalkSettings settings, OkHttpClient http, Clock clock,
                       Function<String, BotMessageListener> listeners, DingTalkChannel.Events events) {
        if (settings.credentials().isEmpty()) {
            log.warn("no DingTalk app (credentials) is configured: stream mode takes no messages");
        }
        SdkInternals.useUnpooledHeapBuffers();
        OpenApiHttp api = new OpenApiHttp(http, 0, Duration.ZERO);
        List<DingTalkSettings.Credential> credentials = settings.credentials();
        List<GatewayLink> links = IntStream.range(0, credentials.size())
                .mapToObj(i -> new GatewayLink(i, credentials.get(i), settings.apiHost(), api, clock, events))
                .toList();
        List<DingTalkChannel.CredentialCheck> first = links.stream().map(GatewayLink::firstAttempt).toList();
        if (DingTalkChannel.allRejected(first)) return new Start(Optional.empty(), first);
        for (int i = 0; i < links.size(); i++) links.get(i).reportFirst(first.get(i));

        List<App> apps = new ArrayList<>();
        StreamClients started = new StreamClients(apps, events);
        try {
            for (int i = 0; i < links.size(); i++) {
                DingTalkSettings.Credential credential = credentials.get(i);
                OpenDingTalkStreamClientBuilder builder = OpenDingTalkStreamClientBuilder.custom()
                        .consumeThreads(CONSUMER_THREADS)
                        .credential(new AuthClientCredential(credential.clientId(), credential.clientSecret()))
                        .registerCallbackListener(DingTalkStreamTopics.BOT_MESSAGE_TOPIC,
                                listeners.apply(credential.clientId()));
                OpenDingTalkClient client = builder.build();
                SdkInternals.releaseIdleConsumers(client, CONSUMER_IDLE);
                links.get(i).sessionsSeenBy(ticket -> SdkInternals.hasSession(client, ticket));
                apps.add(new App(links.get(i), client));
                SdkInternals.start(client, links.get(i));
                log.debug("stream client for app {} started against {}", credential.clientId(), settings.apiHost());
            }
            started.watcher.execute(started::watchAgainAndAgain);
            return new Start(Optional.of(started), first);
        } catch (RuntimeException e) {
            started.close();
            throw new IllegalStateException("the DingTalk stream client could not start", e);
        }
    }

    /** True when there is at least one app and every app has a usable connection. */
    boolean allConnected() {
        return !apps.isEmpty() && apps.stream().allMatch(app -> SdkInternals.hasLiveSession(app.client()));
    }

    private void watchAgainAndAgain() {
        watch();
        try {
            watcher.schedule(this::watchAgainAndAgain, nextLook().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the clients are closing: nothing more to watch
        }
    }

    /** How long until the watcher looks again: soon while some app has had no session yet. */
    Duration nextLook() {
        boolean allSeen = apps.stream().allMatch(app -> app.lastSession().get() != null);
        return allSeen ? WATCH_INTERVAL : FIRST_SESSION_WATCH_INTERVAL;
    }

    private void watch() {
        for (App app : apps) {
            try {
                Object session = SdkInternals.liveSession(app.client());
                if (session == null) continue;
                Object previous = app.lastSession().getAndSet(session);
                if (previous == session) continue;
                app.link().connected();
                if (previous == null) {
                    events.streamReady(app.clientId());
                } else {
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
