package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dingbot.core.model.OutgoingMessage;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Posts replies to a message's session webhook, in the original's bodies. Only webhooks on the configured oapi
 * origin and path are ever called: a webhook elsewhere came from a forged payload and is refused (no SSRF).
 */
final class WebhookSender {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    /** Where DingTalk's session webhooks live on the oapi host. */
    static final String PATH = "/robot/sendBySession";
    static final int EXPIRED = 300001;
    static final int TOO_FAST = 130101;

    enum Outcome {
        SENT,
        /** Not delivered, and the webhook cannot deliver it: expired, refused, unreachable. Try OpenAPI. */
        UNUSABLE,
        /** DingTalk refused the message itself; another route would fare no better. */
        REJECTED
    }

    private final OpenApiHttp http;
    private final HttpUrl origin;
    private final int retries;
    private final Duration tooFastBackoff;

    WebhookSender(OpenApiHttp http, String oapiHost, int retries, Duration tooFastBackoff) {
        this.http = http;
        this.origin = HttpUrl.get(oapiHost);
        this.retries = Math.max(0, retries);
        this.tooFastBackoff = tooFastBackoff;
    }

    /**
     * The webhook, parsed once for all the replies of a message, when it may be called: same scheme, host and
     * port as the oapi host, the webhook path; null (and a warning) otherwise.
     */
    HttpUrl usable(String webhook) {
        HttpUrl url = HttpUrl.parse(webhook);
        boolean same = url != null && url.scheme().equals(origin.scheme()) && url.host().equals(origin.host())
                && url.port() == origin.port() && url.encodedPath().equals(PATH);
        if (!same) {
            LOG.warn("Refused a session webhook other than {}{}: host '{}'", origin.host(), PATH,
                    url == null ? "unparseable" : url.host());
        }
        return same ? url : null;
    }

    Outcome post(HttpUrl webhook, OutgoingMessage message) {
        ObjectNode body = body(message);
        for (int attempt = 0; ; attempt++) {
            OpenApiHttp.Answer answer = http.call(() -> new Request.Builder().url(webhook)
                    .header("Accept", "*/*").post(http.body(body)).build());
            if (!answer.ok()) return Outcome.UNUSABLE;
            int errcode = answer.body().path("errcode").asInt(-1);
            if (errcode == 0) return Outcome.SENT;
            if (errcode == EXPIRED) {
                LOG.info("Session webhook expired (errcode {}), answering through OpenAPI", errcode);
                return Outcome.UNUSABLE;
            }
            if (errcode != TOO_FAST) {
                LOG.warn("Session webhook refused the reply: errcode {} {}", errcode,
                        answer.body().path("errmsg").asText(""));
                return Outcome.REJECTED;
            }
            if (attempt >= retries || !OpenApiHttp.pause(tooFastBackoff.multipliedBy(1L << attempt))) {
                LOG.warn("Session webhook still throttled (130101) after {} attempts", attempt + 1);
                return Outcome.UNUSABLE;
            }
        }
    }

    /** §8.3 of the original: text or markdown, with the @ list; atMobiles is always an empty list. */
    private ObjectNode body(OutgoingMessage message) {
        ObjectNode body = http.object();
        boolean markdown = message.format() == OutgoingMessage.Format.MARKDOWN;
        body.put("msgtype", markdown ? "markdown" : "text");
        ObjectNode at = body.putObject("at");
        message.atUserIds().forEach(at.putArray("atUserIds")::add);
        at.putArray("atMobiles");
        at.put("isAtAll", false);
        if (markdown) {
            body.putObject("markdown").put("title", message.title()).put("text", message.text());
        } else {
            body.putObject("text").put("content", message.text());
        }
        return body;
    }
}
