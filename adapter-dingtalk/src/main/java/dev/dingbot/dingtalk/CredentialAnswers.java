package dev.dingbot.dingtalk;

import dev.dingbot.dingtalk.DingTalkChannel.CredentialCheck;
import dev.dingbot.dingtalk.DingTalkChannel.CredentialCheck.Outcome;

import java.util.Locale;

/**
 * What DingTalk's answer to a call made with an app's AppKey/AppSecret says about them: accepted, rejected (the
 * configuration is wrong), refused or unreachable (no answer), or failed (an answer without what was asked for);
 * all but a rejection are worth another try. One reading for
 * {@code dingbot check} (the access-token call) and for Stream mode (the open-connection call).
 */
final class CredentialAnswers {

    private static final int MAX_SAID = 200;

    private CredentialAnswers() {
    }

    /**
     * @param index    the app's place in {@code credentials}, to name the key to fix
     * @param url      what was called, named when it could not be reached
     * @param usable   whether a 2xx answer holds what was asked for (a token, a ticket)
     * @param accepted what a usable answer means, e.g. "access token issued"
     */
    static CredentialCheck judge(String clientId, int index, String url, OpenApiHttp.Answer answer, boolean usable,
                                 String accepted) {
        if (answer.ok() && usable) return new CredentialCheck(clientId, Outcome.ACCEPTED, accepted, "");
        if (rejects(answer)) {
            return new CredentialCheck(clientId, Outcome.REJECTED,
                    "DingTalk rejected its AppKey/AppSecret (" + said(answer) + ")", "fix " + keyToFix(index, answer));
        }
        if (answer.refused()) {
            return new CredentialCheck(clientId, Outcome.REFUSED, "connection refused at " + url + ": nothing listens "
                    + "there (" + answer.failure() + ")", "");
        }
        if (answer.status() < 0) {
            return new CredentialCheck(clientId, Outcome.UNREACHABLE, "cannot reach " + url + " (" + answer.failure()
                    + ")", "");
        }
        return new CredentialCheck(clientId, Outcome.FAILED, url + " answered " + said(answer)
                + (answer.ok() ? " without what was asked for" : ""), "");
    }

    /**
     * 401, or 400 naming the client or its secret: DingTalk answers a wrong pair so. A 403 (no permission, an IP
     * allow-list, too many calls) and everything else may pass.
     */
    private static boolean rejects(OpenApiHttp.Answer answer) {
        if (answer.status() == 401) return true;
        String code = answer.code().toLowerCase(Locale.ROOT);
        return answer.status() == 400 && (code.contains("client") || code.contains("secret") || code.contains("auth")
                || code.contains("appkey"));
    }

    /** The AppKey when DingTalk says it is the key that is unknown; else the AppSecret, the usual culprit. */
    private static String keyToFix(int index, OpenApiHttp.Answer answer) {
        String code = answer.code().toLowerCase(Locale.ROOT);
        boolean keyOnly = (code.contains("clientid") || code.contains("appkey")) && !code.contains("secret");
        return "credentials[" + index + "]." + (keyOnly ? "client_id" : "client_secret");
    }

    /** E.g. {@code HTTP 401 authFailed: 鉴权失败}; DingTalk's own words, cut short. */
    private static String said(OpenApiHttp.Answer answer) {
        String message = answer.body().path("message").asText("").strip();
        String said = "HTTP " + answer.status() + (answer.code().isEmpty() ? "" : " " + answer.code())
                + (message.isEmpty() ? "" : ": " + message);
        return said.length() <= MAX_SAID ? said : said.substring(0, MAX_SAID) + "…";
    }
}
