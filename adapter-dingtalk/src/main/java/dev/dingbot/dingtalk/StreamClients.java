package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.security.AuthClientCredential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One Stream SDK client per configured app. The SDK connects on its own thread, retries every 5 s and rotates its
 * connection; a stopped client cannot be restarted.
 */
final class StreamClients implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamClients.class);

    private record App(String clientId, OpenDingTalkClient client) {
    }

    /**
     * The SDK's frame consumers (its default is 16). Each one holds its frame until the inbox has it on the disk,
     * and only then is the frame ACKed; more consumers share each force, so a burst is admitted (and its ACKs sent)
     * several times faster on a slow disk.
     */
    private static final int CONSUMER_THREADS = 64;

    private final List<App> apps;

    private StreamClients(List<App> apps) {
        this.apps = apps;
    }

    static StreamClients start(DingTalkSettings settings, Function<String, BotMessageListener> listeners) {
        if (settings.credentials().isEmpty()) {
            log.warn("no DingTalk app (credentials) is configured: stream mode takes no messages");
        }
        List<App> apps = new ArrayList<>();
        StreamClients started = new StreamClients(apps);
        try {
            for (DingTalkSettings.Credential credential : settings.credentials()) {
                OpenDingTalkStreamClientBuilder builder = OpenDingTalkStreamClientBuilder.custom()
                        .consumeThreads(CONSUMER_THREADS)
                        .credential(new AuthClientCredential(credential.clientId(), credential.clientSecret()))
                        .registerCallbackListener(DingTalkStreamTopics.BOT_MESSAGE_TOPIC,
                                listeners.apply(credential.clientId()));
                SdkInternals.setOpenApiHost(builder, settings.apiHost());
                OpenDingTalkClient client = builder.build();
                apps.add(new App(credential.clientId(), client));
                client.start();
                log.info("stream client for app {} started against {}", credential.clientId(), settings.apiHost());
            }
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

    @Override
    public void close() {
        for (App app : apps) {
            try {
                app.client().stop();
            } catch (Exception e) {
                log.warn("stream client for app {} did not stop cleanly: {}", app.clientId(), e.toString());
            }
        }
    }
}
