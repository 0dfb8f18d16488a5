package dev.dingbot.app.wiring;

import dev.dingbot.app.config.AppConfig;
import dev.dingbot.app.http.AppHttpServer;
import dev.dingbot.app.http.BotMetrics;
import dev.dingbot.app.http.CallbackEndpoint;
import dev.dingbot.app.http.PublicPages;
import dev.dingbot.app.http.Metrics;
import dev.dingbot.core.ChatBot;
import dev.dingbot.core.ChatBotBuilder;
import dev.dingbot.core.model.ChatStatus;
import dev.dingbot.core.provider.FailoverChatModel;
import dev.dingbot.dingtalk.CallbackCheck;
import dev.dingbot.dingtalk.CallbackResponse;
import dev.dingbot.dingtalk.DingTalkChannel;
import dev.dingbot.dingtalk.DingTalkSettings;
import dev.dingbot.documents.DocumentLimits;
import dev.dingbot.documents.DocumentReaders;
import dev.dingbot.ops.DomainOps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The running bot: storage, model, core, DingTalk and the HTTP server, started in that order and stopped in the
 * reverse one, so that answers in flight are delivered before anything they need goes away.
 */
final class BotRuntime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotRuntime.class);

    private final AppConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private BotStorage storage;
    private ChatBot bot;
    private DingTalkChannel dingtalk;
    private AppHttpServer http;
    private BotMetrics botMetrics;

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
        storage = track(BotStorage.open(config, clock));
        Metrics metrics = new Metrics();
        botMetrics = new BotMetrics(metrics);
        ModelProvider model = track(ModelProvider.create(config.modelConfig(), new FailoverChatModel.Listener() {
            @Override
            public void breakerChanged(String provider, FailoverChatModel.BreakerState state) {
                botMetrics.providerBreaker(provider, state.name().toLowerCase(Locale.ROOT));
            }

            @Override
            public void failedOver(String fromProvider, String toProvider, ChatStatus status) {
                botMetrics.providerFailedOver(fromProvider, toProvider, status.name().toLowerCase(Locale.ROOT));
            }
        }, clock));
        PublicPages links = new PublicPages(storage.links(), config.server().serviceUrl(),
                config.server().historyLinkTtl(), config.server().imageLinkTtl(), clock);
        links.purgeExpired();
        purgeHourly(links);
        DomainOps ops = DomainOps.create(config.lookupSettings(), clock);
        BotTools tools = track(BotTools.start(config.tools(), ops, clock));
        ChatBotBuilder builder = new ChatBotBuilder()
                .settings(config.botSettings())
                .chatModel(model.chatModel()).imageModel(model.imageModel()).balance(model.balance());
        storage.into(builder);
        bot = builder
                .domains(ops.lookup())
                .tools(tools.box())
                .documents(DocumentReaders.create(DocumentLimits.defaults()))
                .links(links)
                .observer(new MetricsObserver(botMetrics, "dingtalk"))
                .clock(clock)
                .build();
        botMetrics.inFlightFrom(bot::inFlight);
        DingTalkSettings dingTalkSettings = config.dingTalkSettings();
        dingtalk = DingTalkChannel.create(dingTalkSettings, bot, clock, storage.usedSignatures(), new DingTalkChannel.Events() {
            @Override
            public void cardFrameSent(boolean accepted) {
                botMetrics.cardUpdated(accepted ? "ok" : "failed");
            }

            @Override
            public void streamReady(String clientId) {
                log.info("🚀 dingbot ready: app {} on Stream mode, model {}, HTTP on :{}, storage: {}", clientId,
                        config.modelConfig().model(), http.port(), storage.describe());
            }

            @Override
            public void streamReconnected(String clientId) {
                botMetrics.streamReconnected(clientId);
            }

            @Override
            public void streamConnectFailed(String clientId, boolean rejected) {
                botMetrics.streamConnectFailed(clientId, rejected ? "rejected" : "unreachable");
            }
        });
        boolean streamMode = config.runMode() == AppConfig.RunMode.STREAM;
        AppHttpServer.Builder server = AppHttpServer.builder()
                .address(config.server().host(), config.server().port()).metrics(metrics)
                .links(links)
                .readiness("storage", storage::ready)
                .detail(storage::readinessLines)
                .detail(tools::readinessLines);
        if (streamMode) {
            server.readiness("dingtalk_stream", dingtalk::streamConnected);
        } else {
            server.callback(this::callback).maxBodyBytes(dingTalkSettings.maxCallbackBytes());
        }
        http = listen(server);
        int replayed = bot.replayPending(dingtalk::replayChannelFor);
        if (replayed > 0) log.info("answering {} questions left from before the restart", replayed);
        log.info("prompt templates: {} {}", config.templates().size(), config.templatesSource());
        if (streamMode) {
            startStream(dingTalkSettings);
        } else {
            DingTalkSettings.CallbackTrust trust = dingTalkSettings.callbackTrust();
            log.info("🚀 dingbot ready: HTTP callback mode on :{} (POST /callback), model {}, {} app(s), {} app_secrets{}"
                    + ", storage: {}", http.port(), config.modelConfig().model(), dingTalkSettings.credentials().size(),
                    trust.secrets().size(), trust.unsignedAccepted() ? ", unsigned callbacks accepted" : "",
                    storage.describe());
        }
    }

    private AppHttpServer listen(AppHttpServer.Builder server) throws IOException {
        try {
            return server.build().start();
        } catch (BindException e) {
            throw new IOException("port " + config.server().port() + " (server.port / PORT / --port) is already in "
                    + "use: stop what holds it or choose another port", e);
        }
    }

    /** Each app's "ready" comes once its connection is up (see the events above). */
    private void startStream(DingTalkSettings settings) {
        log.info("connecting to DingTalk Stream mode at {}: {} {}", settings.apiHost(),
                settings.credentials().size() == 1 ? "app" : "apps",
                settings.credentials().stream().map(DingTalkSettings.Credential::clientId)
                        .collect(Collectors.joining(", ")));
        List<DingTalkChannel.CredentialCheck> answers = dingtalk.startStream();
        if (DingTalkChannel.allRejected(answers)) {
            throw new CredentialsRejected(answers.stream().map(DingTalkChannel.CredentialCheck::describe)
                    .collect(Collectors.joining("; ")));
        }
    }

    /** DingTalk rejected the credentials of every app: a configuration error, like those found on loading. */
    static final class CredentialsRejected extends RuntimeException {
        CredentialsRejected(String message) {
            super(message);
        }
    }

    private void purgeHourly(PublicPages links) {
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

    private CallbackEndpoint.Next callback(Map<String, String> headers) {
        CallbackCheck check = dingtalk.checkCallback(headers);
        return check.refusal().<CallbackEndpoint.Next>map(refused -> new CallbackEndpoint.Respond(response(refused)))
                .orElseGet(() -> new CallbackEndpoint.ReadBody(body -> response(check.receive(body))));
    }

    private CallbackEndpoint.Response response(CallbackResponse answer) {
        if (answer.status() >= 400) botMetrics.callbackRefused(answer.status());
        return new CallbackEndpoint.Response(answer.status(), "application/json; charset=utf-8",
                answer.body().getBytes(StandardCharsets.UTF_8));
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
