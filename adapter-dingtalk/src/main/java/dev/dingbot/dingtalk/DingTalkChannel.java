package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dingbot.core.ChatBot;
import dev.dingbot.core.memory.InMemoryReplayGuard;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.core.port.ReplyChannel;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * DingTalk as a chat channel: takes messages in over Stream mode (one SDK client per configured app) or HTTP
 * callbacks, hands them to the {@link ChatBot} and builds the {@link ReplyChannel} each answer goes out through.
 */
public final class DingTalkChannel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DingTalkChannel.class);
    /** Signed callbacks remembered in memory: over an hour's window, about 25 a second. */
    public static final int USED_SIGNATURES = 100_000;

    private final DingTalkSettings settings;
    private final OkHttpClient http;
    private final ReplyChannels replies;
    private final AutoCloseable outbound;
    private final Events events;
    private final BotMessageMapper mapper;
    private final Intake intake;
    private final CallbackHandler callbacks;
    private StreamClients stream;
    private boolean closed;

    /** A channel that remembers used callback signatures in memory. */
    public static DingTalkChannel create(DingTalkSettings settings, ChatBot bot, Clock clock) {
        return create(settings, bot, clock, new InMemoryReplayGuard(clock, USED_SIGNATURES), Events.NONE);
    }

    /**
     * As {@link #create(DingTalkSettings, ChatBot, Clock)}, remembering used callback signatures in
     * {@code usedSignatures} and telling {@code events} what the channel does.
     */
    public static DingTalkChannel create(DingTalkSettings settings, ChatBot bot, Clock clock,
                                         ReplayGuard usedSignatures, Events events) {
        OkHttpClient http = httpClient(settings);
        var outbound = new DingTalkReplies(settings, http, clock, ReplyTuning.defaults(), events);
        return new DingTalkChannel(settings, bot, clock, usedSignatures, http, outbound, outbound, events);
    }

    /** @param outbound closed with the channel: what {@code replies} hands out channels from */
    DingTalkChannel(DingTalkSettings settings, ChatBot bot, Clock clock, ReplayGuard usedSignatures, OkHttpClient http,
                    ReplyChannels replies, AutoCloseable outbound, Events events) {
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.mapper = new BotMessageMapper(clock);
        this.intake = new Intake(Objects.requireNonNull(bot, "bot"), replies);
        this.callbacks = new CallbackHandler(new CallbackSignature(settings,
                Objects.requireNonNull(usedSignatures, "usedSignatures"), clock), settings, mapper, intake);
    }

    /** Starts one Stream client per configured app. Returns at once; the clients connect and reconnect alone. */
    public synchronized void startStream() {
        if (closed) throw new IllegalStateException("the DingTalk channel is closed");
        if (stream != null) throw new IllegalStateException("the DingTalk stream is already started");
        stream = StreamClients.start(settings,
                clientId -> new BotMessageListener(clientId, mapper, intake), events);
    }

    /**
     * Checks one HTTP-mode callback (a POST) on its headers, before its body is read: its signature against every
     * configured app, and that the signed pair was not used before. Header names are matched case-insensitively.
     * An accepted callback's body is then {@linkplain CallbackCheck#receive received}: its message goes to the bot
     * and is answered at once.
     */
    public CallbackCheck checkCallback(Map<String, String> headers) {
        return callbacks.check(headers);
    }

    /** The channel an answer to {@code message} goes out through. */
    public ReplyChannel replyChannelFor(IncomingMessage message) {
        return replies.channelFor(message);
    }

    /**
     * The channel for a message answered again after a restart ({@link dev.dingbot.core.ChatBot#replayPending}):
     * an AI card it had already opened is continued rather than a second one opened.
     */
    public ReplyChannel replayChannelFor(IncomingMessage message) {
        return replies.replayChannelFor(message);
    }

    /** True when the stream is started and every app has a live connection to the gateway. */
    public synchronized boolean streamConnected() {
        return stream != null && stream.allConnected();
    }

    /**
     * Stops taking messages from the Stream gateway while replies keep working, so answers in flight can still be
     * delivered during a graceful shutdown.
     */
    public synchronized void stopStream() {
        if (stream == null) return;
        stream.close();
        stream = null;
    }

    /**
     * Asks DingTalk for an access token of each of {@code credentials}: proves each AppKey/AppSecret pair works,
     * or tells why not.
     */
    public static List<CredentialCheck> checkCredentials(DingTalkSettings settings,
                                                         List<DingTalkSettings.Credential> credentials) {
        OkHttpClient http = httpClient(settings);
        try {
            OpenApiHttp api = new OpenApiHttp(http, new ObjectMapper(), 0, Duration.ZERO);
            return credentials.stream().map(c -> credentialCheck(c, settings.apiHost(),
                    AccessTokens.newApiAnswer(api, settings.apiHost(), c))).toList();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    private static CredentialCheck credentialCheck(DingTalkSettings.Credential c, String apiHost,
                                                   OpenApiHttp.Answer answer) {
        HttpUrl url = HttpUrl.get(apiHost);
        if (answer.ok() && !answer.body().path("accessToken").asText("").isEmpty()) {
            return new CredentialCheck(c.clientId(), CredentialCheck.Outcome.ACCEPTED, "access token issued");
        }
        if (answer.refused()) {
            return new CredentialCheck(c.clientId(), CredentialCheck.Outcome.REFUSED, "connection refused at "
                    + url.host() + ":" + url.port() + ": nothing listens there");
        }
        if (answer.status() < 0) {
            return new CredentialCheck(c.clientId(), CredentialCheck.Outcome.UNREACHABLE, url.host()
                    + " not reachable (DNS, route or timeout)");
        }
        return new CredentialCheck(c.clientId(), CredentialCheck.Outcome.REJECTED, "DingTalk refused the "
                + "AppKey/AppSecret: HTTP " + answer.status() + (answer.code().isEmpty() ? "" : " " + answer.code()));
    }

    /** What the channel does, for metrics. Called on the channel's threads; must return at once. */
    public interface Events {
        /** An AI-card frame was sent; {@code accepted} when DingTalk took it. */
        default void cardFrameSent(boolean accepted) {
        }

        /** The Stream client of app {@code clientId} is connected again after it lost or rotated its connection. */
        default void streamReconnected(String clientId) {
        }

        Events NONE = new Events() { };
    }

    /** The outcome of {@link #checkCredentials} for one app. */
    public record CredentialCheck(String clientId, Outcome outcome, String message) {

        /**
         * ACCEPTED: a token was issued; REJECTED: DingTalk answered no; REFUSED: nothing listens at the API host's
         * port; UNREACHABLE: the host was not reached or did not answer in time.
         */
        public enum Outcome { ACCEPTED, REJECTED, REFUSED, UNREACHABLE }

        public boolean ok() {
            return outcome == Outcome.ACCEPTED;
        }
    }

    /** Stops the Stream clients, then the reply side, and releases the HTTP client. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (stream != null) stream.close();
        try {
            outbound.close();
        } catch (Exception e) {
            log.warn("the reply side did not close cleanly: {}", e.toString());
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static OkHttpClient httpClient(DingTalkSettings settings) {
        long timeout = settings.httpTimeout().toMillis();
        return new OkHttpClient.Builder()
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .writeTimeout(timeout, TimeUnit.MILLISECONDS)
                .build();
    }
}
