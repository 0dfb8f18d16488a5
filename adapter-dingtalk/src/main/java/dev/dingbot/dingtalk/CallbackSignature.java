package dev.dingbot.dingtalk;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * DingTalk's HTTP-callback signature: {@code sign = Base64(HmacSHA256(key = appSecret, timestamp + "\n" +
 * appSecret))}, with the timestamp (epoch ms) inside a window around now. Every configured app is tried.
 */
final class CallbackSignature {

    private final List<DingTalkSettings.Credential> credentials;
    private final Duration window;
    private final Clock clock;

    CallbackSignature(List<DingTalkSettings.Credential> credentials, Duration window, Clock clock) {
        this.credentials = credentials;
        this.window = window;
        this.clock = clock;
    }

    /** The app whose secret signed this timestamp; empty when unsigned, stale or signed by no configured app. */
    Optional<DingTalkSettings.Credential> verify(String timestamp, String sign) {
        if (timestamp == null || sign == null || timestamp.isBlank() || sign.isBlank()) return Optional.empty();
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (Math.abs(clock.millis() - millis) > window.toMillis()) return Optional.empty();
        byte[] given = sign.trim().getBytes(StandardCharsets.US_ASCII);
        DingTalkSettings.Credential match = null;
        for (DingTalkSettings.Credential credential : credentials) {
            byte[] expected = sign(timestamp.trim(), credential.clientSecret()).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && match == null) match = credential;
        }
        return Optional.ofNullable(match);
    }

    static String sign(String timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
