package dev.dingbot.app.wiring;

import dev.dingbot.app.config.AppConfig;
import dev.dingbot.app.http.AppHttpServer;
import dev.dingbot.app.http.BotMetrics;
import dev.dingbot.app.http.CallbackHandler;
import dev.dingbot.app.http.FilePublicLinks;
import dev.dingbot.app.http.Metrics;
import dev.dingbot.app.ops.NetworkDomainLookup;
import dev.dingbot.core.ChatBot;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.memory.InMemoryReplayGuard;
import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.dingtalk.CallbackCheck;
import dev.dingbot.dingtalk.CallbackResponse;
import dev.dingbot.dingtalk.DingTalkChannel;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.storage.FileStorage;
import dev.dingbot.storage.FsyncPolicy;
import dev.dingbot.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The running bot: storage, model, core, DingTalk and the HTTP server, started in that order and stopped in the
 * reverse one, so that answers in flight are delivered before anything they need goes away.
 */
final class BotRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotRuntime.class);

    private final AppConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private FileStorage storage;
    private ChatBot bot;
    private DingTalkChannel dingtalk;
    private AppHttpServer http;

    private BotRuntime(AppConfig config) {
        this.config = config;
    }

    /** Opens everything the configuration asks for; on failure closes what was opened and rethrows. */
    static BotRuntime start(AppConfig config, Clock clock) throws IOException {
        BotRuntime runtime = new BotRuntime(config);
        try {
            runtime.open(clock);
            return runtime;
        } catch (IOException | RuntimeException e) {
            runtime.closeOpened();
            throw e;
        }
    }

    private void open(Clock clock) throws IOException {
        storage = track(FileStorage.open(StorageSettings.defaults(config.storage().dataDir())
                .withFsync(FsyncPolicy.valueOf(config.storage().fsync().name())).withClock(clock)));
        ModelProvider model = track(ModelProvider.create(config.modelConfig()));
        FilePublicLinks links = new FilePublicLinks(config.storage().dataDir(), config.server().serviceUrl(),
                config.server().historyLinkTtl(), config.server().imageLinkTtl(), clock);
        links.purgeExpired();
        purgeHourly(links);
        Metrics metrics = new Metrics();
        BotMetrics botMetrics = new BotMetrics(metrics);
        bot = new ChatBotBuilder()
                .settings(config.botSettings())
                .chatModel(model.chatModel()).imageModel(model.imageModel()).balance(model.balance())
                .sessions(storage.sessions()).history(storage.history()).quotas(storage.quotas())
                .inbox(storage.inbox()).usage(storage.usage())
                .domains(NetworkDomainLookup.create(config.allowPrivateTargets()))
                .links(links)
                .observer(new MetricsObserver(botMetrics, "dingtalk"))
                .clock(clock)
                .build();
        DingTalkSettings dingTalkSettings = config.dingTalkSettings();
        // in memory, as one process's own; bots sharing their storage would have to share these too
        ReplayGuard usedSignatures = new InMemoryReplayGuard(clock, DingTalkChannel.USED_SIGNATURES);
        dingtalk = DingTalkChannel.create(dingTalkSettings, bot, clock, usedSignatures, new DingTalkChannel.Events() {
            @Override
            public void cardFrameSent(boolean accepted) {
                botMetrics.cardUpdated(accepted ? "ok" : "failed");
            }

            @Override
            public void streamReconnected(String clientId) {
                botMetrics.streamReconnected(clientId);
            }
        });
        boolean streamMode = config.runMode() == AppConfig.RunMode.STREAM;
        AppHttpServer.Builder server = AppHttpServer.builder()
                .address(config.server().host(), config.server().port()).metrics(metrics)
                .links(links)
                .readiness("storage", storage::writable);
        if (streamMode) {
            server.readiness("dingtalk_stream", dingtalk::streamConnected);
        } else {
            server.callback(this::callback).maxBodyBytes(dingTalkSettings.maxCallbackBytes());
        }
        http = server.build().start();
        int replayed = bot.replayPending(dingtalk::replayChannelFor);
        if (replayed > 0) log.info("answering {} questions left from before the restart", replayed);
        if (streamMode) dingtalk.startStream();
        logReady(dingTalkSettings, streamMode);
    }

    private void purgeHourly(FilePublicLinks links) {
        ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "public-links-purge");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(() -> {
            try {
                links.purgeExpired();
            } catch (RuntimeException e) {
                log.warn("purging expired links failed", e);
            }
        }, 1, 1, TimeUnit.HOURS);
        track(purger::shutdownNow);
    }

    private CallbackHandler.Next callback(Map<String, String> headers) {
        CallbackCheck check = dingtalk.checkCallback(headers);
        return check.refusal().<CallbackHandler.Next>map(refused -> new CallbackHandler.Answer(response(refused)))
                .orElseGet(() -> new CallbackHandler.ReadBody(body -> response(check.receive(body))));
    }

    private static CallbackHandler.Response response(CallbackResponse answer) {
        return new CallbackHandler.Response(answer.status(), "application/json; charset=utf-8",
                answer.body().getBytes(StandardCharsets.UTF_8));
    }

    private void logReady(DingTalkSettings settings, boolean streamMode) {
        log.info("prompt templates: {} {}", config.templates().size(), config.templatesSource());
        String model = config.modelConfig().model();
        if (streamMode) {
            settings.credentials().forEach(c -> log.info("🚀 dingbot ready: app {} on Stream mode, model {}, HTTP on :{}",
                    c.clientId(), model, http.port()));
        } else {
            log.info("🚀 dingbot ready: HTTP callback mode on :{} (POST /callback), model {}, {} app(s), {} app_secrets{}",
                    http.port(), model, settings.credentials().size(), settings.callbackTrust().secrets().size(),
                    settings.callbackTrust().unsignedAccepted() ? ", unsigned callbacks accepted" : "");
        }
    }

    int httpPort() {
        return http.port();
    }

    /**
     * Stops intake, lets answers in flight finish within {@code grace}, then closes DingTalk, the HTTP server and
     * the stores. Messages that arrive meanwhile are kept and answered after the next start.
     */
    boolean shutdown(Duration grace) {
        if (dingtalk != null) dingtalk.stopStream();
        boolean finished = bot == null || bot.shutdown(grace);
        if (http != null) http.stop(Duration.ofSeconds(1));
        closeOpened();
        return finished;
    }

    @Override
    public void close() {
        shutdown(config.shutdownGrace());
    }

    private <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    private void closeOpened() {
        if (dingtalk != null) dingtalk.close();
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", opened.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        opened.clear();
    }
}
