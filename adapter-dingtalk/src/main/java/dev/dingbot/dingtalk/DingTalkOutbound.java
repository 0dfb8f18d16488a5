package dev.dingbot.dingtalk;

import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ReplyChannel;
import okhttp3.OkHttpClient;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The outbound half of the DingTalk channel: hands out a {@link ReplyChannel} for each incoming message. Owns
 * the token caches, the card rate limiter and a small scheduler for card frames; {@link #close()} stops it.
 */
final class DingTalkOutbound implements Outbound {
    private final ReplyToConversation.Parts parts;
    private final Set<String> apps;
    private final ScheduledExecutorService cardScheduler;

    DingTalkOutbound(DingTalkSettings settings, OkHttpClient http, Clock clock, ReplyTuning tuning) {
        this(settings, http, clock, tuning, DingTalkChannel.Events.NONE);
    }

    DingTalkOutbound(DingTalkSettings settings, OkHttpClient http, Clock clock, ReplyTuning tuning,
                    DingTalkChannel.Events events) {
        this(settings, http, clock, tuning, events, CardTime.real(cardThreads()));
    }

    /** {@code cardTime} schedules the card frames; closing the replies shuts its scheduler down. */
    DingTalkOutbound(DingTalkSettings settings, OkHttpClient http, Clock clock, ReplyTuning tuning,
                    DingTalkChannel.Events events, CardTime cardTime) {
        OkHttpClient timed = http.newBuilder().connectTimeout(settings.httpTimeout())
                .readTimeout(settings.httpTimeout()).writeTimeout(settings.httpTimeout()).build();
        OpenApiHttp api = new OpenApiHttp(timed, settings.sendRetries(), tuning.retryBackoff());
        AccessTokens tokens = new AccessTokens(settings.credentials(),
                AccessTokens.newApi(api, settings.apiHost()), clock, tuning.tokenRefreshMargin());
        AccessTokens legacyTokens = new AccessTokens(settings.credentials(),
                AccessTokens.legacy(api, settings.oapiHost()), clock, tuning.tokenRefreshMargin());
        this.cardScheduler = cardTime.scheduler();
        OpenApiCalls calls = new OpenApiCalls(api, settings.apiHost(), tokens);
        CardApi cardApi = new CardApi(calls, new CardRateLimiter(tuning.cardCallsPerSecond(), cardTime),
                tuning.qpsLimitRetryDelay());
        this.apps = settings.credentials().stream().map(DingTalkSettings.Credential::clientId)
                .collect(Collectors.toUnmodifiableSet());
        this.parts = new ReplyToConversation.Parts(settings, clock,
                new ReplySplitter(tuning.maxMessageChars(), tuning.maxMessageBytes()),
                new WebhookSender(api, settings.oapiHost(), settings.sendRetries(), tuning.tooFastBackoff()),
                new OpenApiRobotSender(calls),
                new MediaClient(new DownloadGuard(timed.newBuilder().callTimeout(tuning.downloadTimeout()).build(),
                        settings.apiHost(), settings.oapiHost()), api, calls, settings.oapiHost(), legacyTokens,
                        tuning.maxDownloadBytes()),
                new CardCreator(new CardStream.Context(cardApi, cardTime, settings.cardUpdateInterval(), tuning,
                        settings.usesPublicTemplate(), events), settings.cardTemplateId()));
    }

    /** The conversation {@code message} came from; cheap, holds no resources. */
    @Override
    public ReplyChannel channelFor(IncomingMessage message) {
        return new ReplyToConversation(parts, ReplyTarget.of(message, apps), message.msgId(), false);
    }

    /** As {@link #channelFor}, continuing the card the message may have had before a restart. */
    @Override
    public ReplyChannel replayChannelFor(IncomingMessage message) {
        return new ReplyToConversation(parts, ReplyTarget.of(message, apps), message.msgId(), true);
    }

    @Override
    public void close() {
        cardScheduler.shutdownNow();
    }

    /** Frames run their HTTP calls on these threads. */
    private static ScheduledExecutorService cardThreads() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor threads = new ScheduledThreadPoolExecutor(4, task -> {
            Thread thread = new Thread(task, "dingtalk-cards-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        threads.setRemoveOnCancelPolicy(true);
        return threads;
    }
}
