package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Access tokens per app, cached until shortly before they expire. One fetch at a time per app: callers that
 * arrive during a fetch wait for it and share its result, also when it failed. Token values are never logged.
 */
final class AccessTokens {
    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);
    private static final String NEW_API_PATH = "/v1.0/oauth2/accessToken";

    record Token(String value, Duration lifetime) {
        @Override
        public String toString() {
            return "Token[***, " + lifetime + "]";
        }
    }

    /** Fetches a token for one app; empty on failure. */
    interface Source extends Function<DingTalkSettings.Credential, Optional<Token>> {
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile String value = "";
        volatile Instant renewAt = Instant.MIN;
        volatile long attempts;
    }

    private final Map<String, DingTalkSettings.Credential> credentials;
    private final Source source;
    private final Clock clock;
    private final Duration margin;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    AccessTokens(List<DingTalkSettings.Credential> credentials, Source source, Clock clock, Duration margin) {
        this.credentials = credentials.stream()
                .collect(Collectors.toUnmodifiableMap(DingTalkSettings.Credential::clientId, c -> c, (a, b) -> a));
        this.source = source;
        this.clock = clock;
        this.margin = margin;
    }

    /** The current token of this app; empty when the app is not configured or DingTalk refused. */
    Optional<String> token(String appId) {
        DingTalkSettings.Credential credential = credentials.get(appId);
        if (credential == null) {
            LOG.warn("No credentials configured for app '{}'", appId);
            return Optional.empty();
        }
        Slot slot = slots.computeIfAbsent(appId, id -> new Slot());
        if (fresh(slot)) return Optional.of(slot.value);
        long seen = slot.attempts;
        slot.lock.lock();
        try {
            if (fresh(slot)) return Optional.of(slot.value);
            if (slot.attempts != seen) return Optional.empty(); // the fetch we waited for has just failed
            slot.attempts++;
            Optional<Token> token = source.apply(credential);
            token.ifPresent(t -> {
                Instant now = clock.instant();
                Duration early = margin.compareTo(t.lifetime().dividedBy(2)) < 0 ? margin : t.lifetime().dividedBy(2);
                slot.value = t.value();
                slot.renewAt = now.plus(t.lifetime()).minus(early);
            });
            return token.map(Token::value);
        } finally {
            slot.lock.unlock();
        }
    }

    /** Forgets {@code token} if it is still the cached one: DingTalk no longer accepts it. */
    void invalidate(String appId, String token) {
        Slot slot = slots.get(appId);
        if (slot == null) return;
        slot.lock.lock();
        try {
            if (slot.value.equals(token)) slot.renewAt = Instant.MIN;
        } finally {
            slot.lock.unlock();
        }
    }

    private boolean fresh(Slot slot) {
        return !slot.value.isEmpty() && clock.instant().isBefore(slot.renewAt);
    }

    /** The new API's token: {@code POST /v1.0/oauth2/accessToken}, sent as {@code x-acs-dingtalk-access-token}. */
    static Source newApi(OpenApiHttp http, String apiHost) {
        return credential -> {
            OpenApiHttp.Answer answer = http.call(() -> newApiRequest(http, apiHost, credential));
            return parse(answer, answer.body().path("accessToken"), answer.body().path("expireIn"), credential);
        };
    }

    /** The new API's token request for one app. */
    static Request newApiRequest(OpenApiHttp http, String apiHost, DingTalkSettings.Credential credential) {
        ObjectNode body = http.object().put("appKey", credential.clientId()).put("appSecret", credential.clientSecret());
        return new Request.Builder().url(apiHost + NEW_API_PATH).post(http.body(body)).build();
    }

    /** True when a new-API token answer holds a token. */
    static boolean holdsToken(OpenApiHttp.Answer answer) {
        return answer.ok() && !answer.body().path("accessToken").asText("").isEmpty();
    }

    /** The legacy token for oapi endpoints (media upload): {@code GET /gettoken}, sent as {@code ?access_token=}. */
    static Source legacy(OpenApiHttp http, String oapiHost) {
        return credential -> {
            HttpUrl url = HttpUrl.get(oapiHost + "/gettoken").newBuilder()
                    .addQueryParameter("appkey", credential.clientId())
                    .addQueryParameter("appsecret", credential.clientSecret()).build();
            OpenApiHttp.Answer answer = http.call(() -> new Request.Builder().url(url).get().build());
            if (answer.body().path("errcode").asInt(-1) != 0) {
                LOG.warn("Legacy token refused for app '{}': errcode {}", credential.clientId(),
                        answer.body().path("errcode").asText("?"));
                return Optional.empty();
            }
            return parse(answer, answer.body().path("access_token"), answer.body().path("expires_in"), credential);
        };
    }

    private static Optional<Token> parse(OpenApiHttp.Answer answer, JsonNode value, JsonNode seconds,
                                         DingTalkSettings.Credential credential) {
        if (!answer.ok() || value.asText("").isEmpty()) {
            LOG.warn("Access token refused for app '{}': HTTP {} {}", credential.clientId(), answer.status(),
                    answer.code());
            return Optional.empty();
        }
        return Optional.of(new Token(value.asText(), Duration.ofSeconds(Math.max(60, seconds.asLong(7200)))));
    }
}
