package dev.dingbot.dingtalk;

import dev.dingbot.core.ChatBot;
import dev.dingbot.core.memory.InMemoryReplayGuard;
import dev.dingbot.core.model.IncomingMessage;
import dev.dingbot.core.port.ReplayGuard;
import dev.dingbot.core.port.ReplyChannel;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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
    private final Outbound replies;
    private final Events events;
    private final BotMessageMapper mapper;
    private final Inbound inbound;
    private final CallbackHandler callbacks;
    private final Clock clock;
    /** Read without the lock: readiness is asked while {@link #startStream} waits for DingTalk's first answers. */
    private volatile StreamClients stream;
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
        return new DingTalkChannel(settings, bot, clock, usedSignatures,
                http -> new DingTalkOutbound(settings, http, clock, ReplyTuning.defaults(), events), events);
    }

    /**
     * @param outbound the reply side over the channel's HTTP client (the one it connects and asks DingTalk with);
     *                 closed with the channel
     */
    DingTalkChannel(DingTalkSettings settings, ChatBot bot, Clock clock, ReplayGuard usedSignatures,
                    Function<OkHttpClient, Outbound> outbound, Events events) {
        this.events = Objects.requireNonNull(events, "events");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = DingTalkHttp.client(settings.httpTimeout());
        this.replies = Objects.requireNonNull(outbound.apply(http), "outbound");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mapper = new BotMessageMapper(clock);
        this.inbound = new Inbound(Objects.requireNonNull(bot, "bot"), replies);
        this.callbacks = new CallbackHandler(new CallbackSignature(settings,
                Objects.requireNonNull(usedSignatures, "usedSignatures"), clock), settings, mapper, inbound);
    }

    /**
     * Opens one Stream connection per configured app and returns how DingTalk answered each app's first call.
     * When DingTalk rejected every app, nothing is started (see {@link #allRejected}); otherwise the apps connect
     * and reconnect alone, each failing app logging one line per change of state and retrying with a growing pause.
     */
    public synchronized List<CredentialCheck> startStream() {
        if (closed) throw new IllegalStateException("the DingTalk channel is closed");
        if (stream != null) throw new IllegalStateException("the DingTalk stream is already started");
        StreamClients.Start start = StreamClients.start(settings, http, clock,
                clientId -> new BotMessageListener(clientId, mapper, inbound), events);
        stream = start.clients().orElse(null);
        return start.firstAnswers();
    }

    /** True when there are answers and DingTalk rejected the credentials of every one of them. */
    public static boolean allRejected(List<CredentialCheck> answers) {
        return !answers.isEmpty() && answers.stream().allMatch(CredentialCheck::rejected);
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
    public boolean streamConnected() {
        StreamClients clients = stream;
        return clients != null && clients.allConnected();
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
     * Asks DingTalk for an access token of each of {@code credentials} (some or all of the settings' apps): proves
     * each AppKey/AppSecret pair works, or tells why not.
     */
    public static List<CredentialCheck> checkCredentials(DingTalkSettings settings,
                                                         List<DingTalkSettings.Credential> credentials) {
        OkHttpClient http = DingTalkHttp.client(settings.httpTimeout());
        try {
            OpenApiHttp api = new OpenApiHttp(http, 0, Duration.ZERO);
            return credentials.stream().map(c -> {
                OpenApiHttp.Answer answer = api.exchange(AccessTokens.newApiRequest(api, settings.apiHost(), c));
                return CredentialAnswers.judge(c.clientId(), settings.credentials().indexOf(c), settings.apiHost(),
                        answer, AccessTokens.holdsToken(answer), "access token issued");
            }).toList();
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** What the channel does, for metrics. Called on the channel's threads; must return at once. */
    public interface Events {
        /** An AI-card frame was sent; {@code accepted} when DingTalk took it. */
        default void cardFrameSent(boolean accepted) {
        }

        /** The Stream client of app {@code clientId} has its first connection up: the app takes messages. */
        default void streamReady(String clientId) {
        }

        /** The Stream client of app {@code clientId} is connected again after it lost or rotated its connection. */
        default void streamReconnected(String clientId) {
        }

        /**
         * An attempt of app {@code clientId} to open a Stream connection failed: {@code rejected} when DingTalk
         * refused its credentials, else it could not be reached or did not answer usefully.
         */
        default void streamConnectFailed(String clientId, boolean rejected) {
        }

        Events NONE = new Events() { };
    }

    /**
     * How DingTalk answered a call made with one app's credentials ({@link #checkCredentials}, {@link #startStream}).
     *
     * @param message what happened, e.g. "DingTalk rejected its AppKey/AppSecret (HTTP 401 authFailed: 鉴权失败)"
     * @param fix     for a rejection, the key to correct, e.g. "fix credentials[0].client_secret"; else empty
     */
    public record CredentialCheck(String clientId, Outcome outcome, String message, String fix) {

        /**
         * ACCEPTED: what was asked for was given; REJECTED: DingTalk said no to the AppKey/AppSecret; REFUSED:
         * nothing listens at the host's port; UNREACHABLE: the host was not reached or did not answer in time;
         * FAILED: DingTalk answered, but not with what was asked for (worth another try).
         */
        public enum Outcome { ACCEPTED, REJECTED, REFUSED, UNREACHABLE, FAILED }

        public boolean ok() {
            return outcome == Outcome.ACCEPTED;
        }

        public boolean rejected() {
            return outcome == Outcome.REJECTED;
        }

        /** One line for the log: the app, what happened and, for a rejection, what to fix. */
        public String describe() {
            return "app " + clientId + ": " + message + (fix.isEmpty() ? "" : " — " + fix);
        }
    }

    /** Stops the Stream clients, then the reply side, and releases the HTTP client. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (stream != null) stream.close();
        try {
            replies.close();
        } catch (RuntimeException e) {
            log.warn("the reply side did not close cleanly: {}", e.toString());
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

}
