package dev.dingbot.dingtalk;

import dev.dingbot.core.testing.ManualScheduler;
import dev.dingbot.core.testing.MutableClock;

import dev.dingbot.core.model.ChatKind;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.model.MessageType;
import dev.dingbot.core.model.QuotedMessage;
import dev.dingbot.core.model.Sender;
import dev.dingbot.core.port.ReplyChannel;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;

/** A FakeDingTalkApi on loopback serving both DingTalk hosts, and DingTalkOutbound pointed at it. */
final class ReplyTestBed implements AutoCloseable {
    static final String APP = "dingapp0001";
    static final String SECRET = "app-secret-0001";
    static final String GROUP = "cidGroup0001==";
    static final String STAFF = "staff001";

    /** Sends are retried this often. */
    static final int SEND_RETRIES = 2;

    record Options(boolean cards, String templateId, Duration interval, Duration timeout, ReplyTuning tuning, Dns dns) {
        static Options plain() {
            return new Options(false, null, Duration.ofMillis(200), Duration.ofSeconds(2), fast(), Dns.SYSTEM);
        }

        static Options cards(String templateId, Duration interval) {
            return new Options(true, templateId, interval, Duration.ofSeconds(2), fast(), Dns.SYSTEM);
        }

        Options tuning(ReplyTuning tuning) {
            return new Options(cards, templateId, interval, timeout, tuning, dns);
        }

        Options timeout(Duration timeout) {
            return new Options(cards, templateId, interval, timeout, tuning, dns);
        }

        /** How the replies' HTTP client resolves names. */
        Options dns(Dns dns) {
            return new Options(cards, templateId, interval, timeout, tuning, dns);
        }
    }

    /** Real limits, short waits. */
    static ReplyTuning fast() {
        return ReplyTuning.defaults()
                .withWaits(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(50))
                .withCardRhythm(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofMillis(300))
                .withLimits(1 << 20, 5_000, 14_000, 20_000);
    }

    final FakeDingTalkApi api = new FakeDingTalkApi().addApp(APP, SECRET);
    final MockWebServer server = new MockWebServer();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    DingTalkOutbound replies;
    final DingTalkSettings settings;
    private final ReplyTuning tuning;
    private final Dns dns;
    /** Every card frame the replies reported through the channel's events: accepted or not. */
    final List<Boolean> reportedFrames = new CopyOnWriteArrayList<>();
    /** On manual time: the nanos each card frame went out at. */
    final List<Long> frameTimes = new CopyOnWriteArrayList<>();
    /** Null unless the bed runs {@link #onManualTime on manual time}. */
    final ManualScheduler time;

    ReplyTestBed(Options options) {
        this(options, null);
    }

    /** Card frames and the watchdog come due only when the test moves {@link #time}, and run on its thread. */
    static ReplyTestBed onManualTime(Options options) {
        return new ReplyTestBed(options, new ManualScheduler());
    }

    /** Card time that passes only when the test moves {@code time}; a pause lets it pass. */
    static CardTime cardTimeOf(ManualScheduler time) {
        return new CardTime(time, time::nanoTime, pause -> {
            time.advance(pause);
            return true;
        });
    }

    private ReplyTestBed(Options options, ManualScheduler time) {
        this.time = time;
        server.setDispatcher(api);
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String host = base().toString().replaceAll("/$", "");
        settings = DingTalkSettings.builder().credentials(List.of(new DingTalkSettings.Credential(APP, SECRET)))
                .apiHost(host).oapiHost(host).cardsEnabled(options.cards()).cardTemplateId(options.templateId())
                .cardUpdateInterval(options.interval()).httpTimeout(options.timeout()).sendRetries(SEND_RETRIES).build();
        tuning = options.tuning();
        dns = options.dns();
        replies = newReplies();
    }

    private DingTalkOutbound newReplies() {
        CardTime cardTime = time == null ? null : cardTimeOf(time);
        DingTalkChannel.Events events = new DingTalkChannel.Events() {
            @Override
            public void cardFrameSent(boolean accepted) {
                reportedFrames.add(accepted);
                if (time != null) frameTimes.add(time.nanoTime());
            }
        };
        OkHttpClient http = new OkHttpClient.Builder().dns(dns).build();
        return cardTime == null ? new DingTalkOutbound(settings, http, clock, tuning, events)
                : new DingTalkOutbound(settings, http, clock, tuning, events, cardTime);
    }

    /** A process restart as the replies see it: the old ones (and their card streams) are gone, DingTalk stays. */
    void restartReplies() {
        replies.close();
        replies = newReplies();
    }

    ReplyChannel replayChannel(IncomingMessage message) {
        return replies.replayChannelFor(message);
    }

    HttpUrl base() {
        return server.url("/");
    }

    String webhook(String session) {
        return FakeDingTalkApi.webhookUrl(base(), session);
    }

    /** A group message whose webhook is valid for 90 more minutes. */
    IncomingMessage group(String session) {
        return message(ChatKind.GROUP, route(webhook(session), clock.millis() + Duration.ofMinutes(90).toMillis()));
    }

    IncomingMessage privateChat(String session) {
        return message(ChatKind.PRIVATE, route(webhook(session), clock.millis() + Duration.ofMinutes(90).toMillis()));
    }

    static Map<String, String> route(String webhook, long expiresAtMillis) {
        Map<String, String> route = new HashMap<>();
        if (webhook != null) route.put(RouteKeys.SESSION_WEBHOOK, webhook);
        route.put(RouteKeys.SESSION_WEBHOOK_EXPIRES, Long.toString(expiresAtMillis));
        route.put(RouteKeys.ROBOT_CODE, APP);
        return route;
    }

    IncomingMessage message(ChatKind kind, Map<String, String> route) {
        return new IncomingMessage("msg-" + System.nanoTime(), APP, kind, kind == ChatKind.GROUP ? GROUP : "cidPrivate",
                kind == ChatKind.GROUP ? "Ops" : "", new Sender(STAFF, "Alice", "$:LWCP_v1:$sender"),
                MessageType.TEXT, "question", List.of(), QuotedMessage.NONE, clock.instant(), route);
    }

    ReplyChannel channel(IncomingMessage message) {
        return replies.channelFor(message);
    }

    @Override
    public void close() {
        replies.close();
        server.close();
    }
}
