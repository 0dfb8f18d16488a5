package dev.dingbot.dingtalk;

import com.dingtalk.open.app.api.UserAgent;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.stream.network.api.EndPointConnection;
import com.dingtalk.open.app.stream.network.core.EndPointConnectionFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.dingtalk.DingTalkChannel.CredentialCheck;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * One app's way to the Stream gateway, given to the SDK as the factory of its connections. The bot makes the
 * open-connection call itself (the SDK's own would hang for hours on a silent host and log a stack trace every
 * 5 s), so it can tell a rejected AppSecret from an unreachable host, log one line per change of state, and pause
 * between failed attempts: 5 s doubling up to 30 s, 30 s at once for a rejection. The SDK asks every 5 s while it
 * has no connection; asked during a pause, this declines.
 */
final class GatewayLink implements EndPointConnectionFactory {

    private static final Logger log = LoggerFactory.getLogger(GatewayLink.class);

    static final String OPEN_CONNECTION_PATH = "/v1.0/gateway/connections/open";
    static final Duration FIRST_PAUSE = Duration.ofSeconds(5);
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    /** The SDK's ticks may come a little before a pause ends; they count as on time. */
    private static final Duration TICK_SLACK = Duration.ofSeconds(1);
    /** DingTalk's tickets are good for 90 s; an older kept one is not handed out. */
    private static final Duration KEPT_TICKET_LIFETIME = Duration.ofSeconds(60);

    /** Thrown to the SDK when asked during a pause; its connect loop (logging silenced) tries again later. */
    static final class Pausing extends Exception {
        Pausing() {
            super("pausing before the next attempt", null, false, false);
        }
    }

    private record Ticket(String endpoint, String ticket, Instant issued) {
    }

    private final int index;
    private final DingTalkSettings.Credential credential;
    private final String apiHost;
    private final OpenApiHttp http;
    private final Clock clock;
    private final DingTalkChannel.Events events;

    private Ticket kept;
    private Ticket handedOut;
    private Predicate<String> sessionOpened = ticket -> false;
    private Instant nextAttempt = Instant.EPOCH;
    private Duration pause = FIRST_PAUSE;
    private String reported = "";

    /** @param index the app's place in {@code credentials}, named when its credentials are rejected */
    GatewayLink(int index, DingTalkSettings.Credential credential, String apiHost, OpenApiHttp http, Clock clock,
                DingTalkChannel.Events events) {
        this.index = index;
        this.credential = credential;
        this.apiHost = apiHost;
        this.http = http;
        this.clock = clock;
        this.events = events;
    }

    String clientId() {
        return credential.clientId();
    }

    /** How to tell whether the SDK opened a session with a ticket (it keys its sessions by ticket). */
    synchronized void sessionsSeenBy(Predicate<String> opened) {
        sessionOpened = opened;
    }

    /**
     * The first attempt, before the SDK client starts: a ticket is kept for the SDK's first request; a failure
     * starts the pause but is not logged, the caller decides ({@link #reportFirst}).
     */
    CredentialCheck firstAttempt() {
        Instant start = clock.instant();
        Attempt attempt = attempt(start);
        synchronized (this) {
            if (attempt.ticket() != null) kept = attempt.ticket();
            else record(start, attempt.check());
        }
        return attempt.check();
    }

    /** Logs the outcome of {@link #firstAttempt} when it failed, as every later change of state is logged. */
    synchronized void reportFirst(CredentialCheck first) {
        if (!first.ok()) report(first);
    }

    @Override
    public EndPointConnection openConnection() throws Exception {
        Instant now = clock.instant();
        synchronized (this) {
            if (handedOut != null && sessionOpened.test(handedOut.ticket())) {
                connected(); // and already lost or told to go away, before the watcher saw it
            } else if (handedOut != null) {
                // The SDK had a ticket and asks again without having connected: the WebSocket did not open.
                fail(now, new CredentialCheck(clientId(), CredentialCheck.Outcome.FAILED,
                        "cannot reach the Stream gateway " + handedOut.endpoint(), ""));
            }
            Ticket ticket = kept;
            kept = null;
            if (ticket != null && now.isBefore(ticket.issued().plus(KEPT_TICKET_LIFETIME))) return handOut(ticket);
            if (now.isBefore(nextAttempt.minus(TICK_SLACK))) throw new Pausing();
        }
        Attempt attempt = attempt(now);
        synchronized (this) {
            if (attempt.ticket() == null) {
                fail(now, attempt.check());
                throw new Pausing();
            }
            return handOut(attempt.ticket());
        }
    }

    /** The SDK holds a live connection of this app: later failures are logged afresh, with short pauses again. */
    synchronized void connected() {
        handedOut = null;
        nextAttempt = Instant.EPOCH;
        pause = FIRST_PAUSE;
        reported = "";
    }

    private record Attempt(CredentialCheck check, Ticket ticket) {
    }

    private Attempt attempt(Instant now) {
        ObjectNode body = http.object().put("clientId", credential.clientId())
                .put("clientSecret", credential.clientSecret()).put("ua", UserAgent.getUserAgent().getUa());
        body.putArray("subscriptions").addObject().put("topic", DingTalkStreamTopics.BOT_MESSAGE_TOPIC)
                .put("type", "CALLBACK");
        OpenApiHttp.Answer answer = http.exchange(new Request.Builder().url(apiHost + OPEN_CONNECTION_PATH)
                .header("Accept", "application/json").post(http.body(body)).build());
        String endpoint = answer.body().path("endpoint").asText("");
        String ticket = answer.body().path("ticket").asText("");
        CredentialCheck check = CredentialAnswers.judge(clientId(), index, apiHost, answer,
                !endpoint.isEmpty() && !ticket.isEmpty(), "connection opened");
        return new Attempt(check, check.ok() ? new Ticket(endpoint, ticket, now) : null);
    }

    private EndPointConnection handOut(Ticket ticket) {
        handedOut = ticket;
        return new EndPointConnection(clientId(), ticket.endpoint(), ticket.ticket(), null);
    }

    private void fail(Instant attemptStart, CredentialCheck check) {
        handedOut = null;
        record(attemptStart, check);
        report(check);
    }

    /** Counts the failure and sets the pause before the next attempt. */
    private void record(Instant attemptStart, CredentialCheck check) {
        events.streamConnectFailed(clientId(), check.rejected());
        if (check.rejected()) pause = MAX_PAUSE;
        nextAttempt = attemptStart.plus(pause);
    }

    /** Logs a state once: the same failure again says nothing new. Then lengthens the pause for the next one. */
    private void report(CredentialCheck check) {
        String line = check.describe();
        if (!line.equals(reported)) {
            reported = line;
            if (pause.equals(MAX_PAUSE)) {
                log.warn("{}; retrying every {} s", line, MAX_PAUSE.toSeconds());
            } else {
                log.warn("{}; retrying in {} s, pausing up to {} s between attempts", line, pause.toSeconds(),
                        MAX_PAUSE.toSeconds());
            }
        }
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
}
