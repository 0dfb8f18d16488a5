package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * DingTalk's reply side on loopback: session webhooks, access tokens (new and legacy), robot sends, media upload
 * and download, AI cards. Each request is recorded, with its arrival time, once answered; faults are scripted
 * per path.
 * Use it alone ({@code server.setDispatcher(api)}) or as the fallback dispatcher behind a gateway fake.
 * Point both the API host and the oapi host of the code under test at the same server.
 */
public final class FakeDingTalkApi extends Dispatcher {
    public static final String WEBHOOK = "/robot/sendBySession";
    public static final String TOKEN = "/v1.0/oauth2/accessToken";
    public static final String LEGACY_TOKEN = "/gettoken";
    public static final String PRIVATE_SEND = "/v1.0/robot/oToMessages/batchSend";
    public static final String GROUP_SEND = "/v1.0/robot/groupMessages/send";
    public static final String UPLOAD = "/media/upload";
    public static final String DOWNLOAD = "/v1.0/robot/messageFiles/download";
    public static final String CARD_CREATE = "/v1.0/card/instances/createAndDeliver";
    public static final String CARD_STREAMING = "/v1.0/card/streaming";
    public static final String CARD_UPDATE = "/v1.0/card/instances";
    /** Where download URLs point: plain GET without auth, like DingTalk's temporary file URLs. */
    public static final String FILES = "/files/";
    /** How the {@code Signature} query parameter of every download URL starts: it must never be logged. */
    public static final String SIGNATURE_PREFIX = "fake-url-signature-";

    /** How a scripted createAndDeliver fails. */
    public enum CardFailure { HTTP_500, SUCCESS_FALSE, DELIVERY_FAILED }

    /**
     * How a file URL serves its bytes: WHOLE with a Content-Length; CHUNKED without one (chunked transfer
     * encoding), so only counting tells the size; TRICKLE chunked too, {@value #TRICKLE_BYTES} bytes every
     * {@value #TRICKLE_MILLIS} ms, so that a download takes long whatever its read timeout.
     */
    public enum Serving { WHOLE, CHUNKED, TRICKLE }

    public static final int TRICKLE_BYTES = 64;
    public static final int TRICKLE_MILLIS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> apps = new HashMap<>();
    private final Set<String> tokens = new HashSet<>();
    private final Set<String> legacyTokens = new HashSet<>();
    private final List<String> issuedTokens = new ArrayList<>();
    private final Set<String> expiredSessions = new HashSet<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, Serving> servings = new HashMap<>();
    private final Map<String, String> downloadUrls = new HashMap<>();
    private final Map<String, String> redirects = new HashMap<>();
    private final Map<String, Deque<Supplier<MockResponse>>> faults = new HashMap<>();
    private final Map<String, Duration> delays = new HashMap<>();
    private final Deque<CardFailure> cardFailures = new ArrayDeque<>();
    private final List<ApiRequest> requests = new ArrayList<>();
    private final ApiMessages messages = new ApiMessages();
    private final List<ApiMedia> uploads = new ArrayList<>();
    private final ApiCards cards = new ApiCards();
    private Duration tokenLifetime = Duration.ofSeconds(7200);
    private int issued;

    /** Registers an app: only registered AppKey/AppSecret pairs get tokens. */
    public synchronized FakeDingTalkApi addApp(String clientId, String clientSecret) {
        apps.put(clientId, clientSecret);
        return this;
    }

    /** The {@code expireIn} of tokens issued from now on. */
    public synchronized void tokenLifetime(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Every token issued so far (new and legacy) stops working, as when DingTalk rotates or revokes them. */
    public synchronized void revokeTokens() {
        tokens.clear();
        legacyTokens.clear();
    }

    /** A session webhook URL on this fake, as DingTalk puts it into a bot message. */
    public static String webhookUrl(HttpUrl server, String sessionId) {
        return server.newBuilder().encodedPath(WEBHOOK).query(null).addQueryParameter("session", sessionId)
                .build().toString();
    }

    /** From now on the webhook of this session answers errcode 300001. */
    public synchronized void expireSession(String sessionId) {
        expiredSessions.add(sessionId);
    }

    /**
     * Makes a picture or file the user sent (or quoted) downloadable by this code, served whole. A failing file
     * URL is {@code failNext(FILES + downloadCode, status, times)}, a failing download API
     * {@code failNext(DOWNLOAD, …)}, a slow one {@code delay(FILES + downloadCode, …)}.
     */
    public synchronized void addDownload(String downloadCode, byte[] bytes) {
        addDownload(downloadCode, bytes, Serving.WHOLE);
    }

    /** As {@link #addDownload(String, byte[])}, its file URL serving the bytes the given way. */
    public synchronized void addDownload(String downloadCode, byte[] bytes, Serving serving) {
        files.put(downloadCode, bytes.clone());
        servings.put(downloadCode, serving);
    }

    /** The download API answers this URL for the code, wherever it points (another server, a private address). */
    public synchronized void addDownloadAt(String downloadCode, String downloadUrl) {
        downloadUrls.put(downloadCode, downloadUrl);
    }

    /** The code's file URL answers HTTP 302 to {@code location}. */
    public synchronized void redirectDownload(String downloadCode, String location) {
        redirects.put(downloadCode, location);
    }

    /** The next {@code times} requests to {@code path} fail with this HTTP status. */
    public void failNext(String path, int status, int times) {
        script(path, times, () -> ApiResponses.error(status, "ServiceUnavailable", "scripted failure " + status));
    }

    /** The next {@code times} requests to {@code path} get HTTP 403 QpsLimit. */
    public void qpsLimitNext(String path, int times) {
        script(path, times, ApiResponses::qpsLimit);
    }

    /** The next {@code times} webhook posts answer errcode 130101 "send too fast". */
    public void webhookTooFast(int times) {
        webhookAnswers(130101, "send too fast", times);
    }

    /** The next {@code times} webhook posts answer HTTP 200 with this errcode (and deliver nothing). */
    public void webhookAnswers(int errcode, String errmsg, int times) {
        script(WEBHOOK, times, () -> ApiResponses.errcode(errcode, errmsg));
    }

    /** The next {@code times} uploads answer a non-zero errcode. */
    public void failUploads(int times) {
        script(UPLOAD, times, () -> ApiResponses.errcode(40004, "不合法的媒体文件类型"));
    }

    /** The next createAndDeliver calls fail this way, one each. */
    public synchronized void failCardCreate(CardFailure... failures) {
        cardFailures.addAll(List.of(failures));
    }

    /** Responses on {@code path} are delayed by this much (headers included). */
    public synchronized void delay(String path, Duration delay) {
        delays.put(path, delay);
    }

    public synchronized List<ApiRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<ApiRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until {@code count} requests to {@code path} have arrived; returns them. */
    public synchronized List<ApiRequest> awaitRequests(String path, int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (requests(path).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException(count + " requests to " + path + " expected, got " + requests(path));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return requests(path);
    }

    /** Every access token issued so far (new and legacy, revoked ones too), oldest first. */
    public synchronized List<String> issuedTokens() {
        return List.copyOf(issuedTokens);
    }

    /** Plain messages accepted, in order. */
    public synchronized List<ApiMessage> messages() {
        return messages.all();
    }

    public synchronized List<ApiMedia> uploads() {
        return List.copyOf(uploads);
    }

    public synchronized List<ApiCard> cards() {
        return cards.all();
    }

    public synchronized Optional<ApiCard> card(String outTrackId) {
        return cards.get(outTrackId);
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
        ApiRequest request = parse(recorded);
        Duration delay;
        MockResponse response;
        synchronized (this) {
            delay = delays.get(request.path());
            Deque<Supplier<MockResponse>> scripted = faults.get(request.path());
            response = scripted != null && !scripted.isEmpty() ? scripted.poll().get() : answer(request, recorded.getUrl());
            // Recorded once its effect is in place, so a test that awaited it sees the new state.
            requests.add(request);
            notifyAll();
        }
        return delay == null ? response
                : response.newBuilder().headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS).build();
    }

    private synchronized void script(String path, int times, Supplier<MockResponse> response) {
        Deque<Supplier<MockResponse>> queue = faults.computeIfAbsent(path, p -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) queue.add(response);
    }

    private static ApiRequest parse(RecordedRequest recorded) {
        HttpUrl url = recorded.getUrl();
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : url.queryParameterNames()) query.put(name, url.queryParameter(name));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : recorded.getHeaders().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), recorded.getHeaders().get(name));
        }
        byte[] body = recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
        JsonNode json;
        try {
            json = headers.getOrDefault("content-type", "").startsWith("application/json")
                    ? JSON.readTree(body) : MissingNode.getInstance();
        } catch (java.io.IOException e) {
            json = MissingNode.getInstance();
        }
        return new ApiRequest(recorded.getMethod(), url.encodedPath(), Map.copyOf(query),
                Map.copyOf(headers), json, body, Instant.now(), System.nanoTime());
    }

    private MockResponse answer(ApiRequest request, HttpUrl url) {
        String path = request.path();
        if (path.startsWith(FILES)) return file(url.pathSegments().get(url.pathSegments().size() - 1));
        if (path.equals(TOKEN)) return token(request.json());
        if (path.equals(LEGACY_TOKEN)) return legacyToken(request);
        if (path.equals(WEBHOOK)) {
            String session = request.queryParameter("session");
            return session.isEmpty() || expiredSessions.contains(session)
                    ? ApiResponses.errcode(300001, "session 不存在") : messages.webhook(session, request.json());
        }
        if (path.equals(UPLOAD)) {
            return legacyTokens.contains(request.queryParameter("access_token"))
                    ? ApiMediaUpload.accept(request, uploads) : ApiResponses.errcode(40014, "不合法的access_token");
        }
        if (!tokens.contains(request.header("x-acs-dingtalk-access-token"))) {
            return ApiResponses.error(401, "InvalidAuthentication", "不合法的access_token");
        }
        return switch (path) {
            case PRIVATE_SEND -> messages.robotSend(request.json(), ApiMessage.Via.PRIVATE);
            case GROUP_SEND -> messages.robotSend(request.json(), ApiMessage.Via.GROUP);
            case DOWNLOAD -> download(request.json(), url);
            case CARD_CREATE -> cards.create(request.json(), cardFailures.poll());
            case CARD_STREAMING -> cards.stream(request.json());
            case CARD_UPDATE -> cards.update(request.json());
            default -> ApiResponses.error(404, "NotFound", "no such api " + request.method() + " " + path);
        };
    }

    private MockResponse token(JsonNode body) {
        if (!credentialsMatch(body.path("appKey").asText(""), body.path("appSecret").asText(""))) {
            return ApiResponses.error(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
        }
        String token = "token-" + (++issued);
        tokens.add(token);
        issuedTokens.add(token);
        return ApiResponses.ok(Map.of("accessToken", token, "expireIn", tokenLifetime.toSeconds()));
    }

    private MockResponse legacyToken(ApiRequest request) {
        if (!credentialsMatch(request.queryParameter("appkey"), request.queryParameter("appsecret"))) {
            return ApiResponses.errcode(40089, "不合法的corpid或corpsecret");
        }
        String token = "legacy-token-" + (++issued);
        legacyTokens.add(token);
        issuedTokens.add(token);
        return ApiResponses.ok(Map.of("errcode", 0, "errmsg", "ok", "access_token", token,
                "expires_in", tokenLifetime.toSeconds()));
    }

    /** True when {@code key} is a registered app and {@code secret} its AppSecret. */
    public synchronized boolean knows(String key, String secret) {
        return credentialsMatch(key, secret);
    }

    private boolean credentialsMatch(String key, String secret) {
        return !key.isEmpty() && secret.equals(apps.get(key));
    }

    private MockResponse download(JsonNode body, HttpUrl url) {
        String code = body.path("downloadCode").asText("");
        boolean known = files.containsKey(code) || downloadUrls.containsKey(code) || redirects.containsKey(code);
        if (body.path("robotCode").asText("").isEmpty() || !known) {
            return ApiResponses.error(400, "param.downloadCodeInvalid", "downloadCode is invalid or expired");
        }
        if (downloadUrls.containsKey(code)) return ApiResponses.ok(Map.of("downloadUrl", downloadUrls.get(code)));
        // Like DingTalk's temporary URLs, signed in the query: whoever has the whole URL has the file.
        String downloadUrl = url.newBuilder().encodedPath(FILES).addPathSegment(code).query(null)
                .addQueryParameter("Expires", "1767254400").addQueryParameter("Signature", SIGNATURE_PREFIX + code)
                .build().toString();
        return ApiResponses.ok(Map.of("downloadUrl", downloadUrl));
    }

    private MockResponse file(String code) {
        String location = redirects.get(code);
        if (location != null) return new MockResponse.Builder().code(302).setHeader("Location", location).build();
        byte[] bytes = files.get(code);
        if (bytes == null) return new MockResponse.Builder().code(404).build();
        MockResponse.Builder response = new MockResponse.Builder()
                .setHeader("Content-Type", "application/octet-stream");
        return switch (servings.getOrDefault(code, Serving.WHOLE)) {
            case WHOLE -> response.body(new Buffer().write(bytes)).build();
            case CHUNKED -> response.chunkedBody(new Buffer().write(bytes), 1024).build();
            case TRICKLE -> response.chunkedBody(new Buffer().write(bytes), TRICKLE_BYTES)
                    .throttleBody(TRICKLE_BYTES, TRICKLE_MILLIS, TimeUnit.MILLISECONDS).build();
        };
    }
}
