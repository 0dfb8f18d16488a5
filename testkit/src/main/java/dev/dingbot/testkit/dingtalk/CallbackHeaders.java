package dev.dingbot.testkit.dingtalk;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code timestamp} and {@code sign} headers DingTalk puts on an HTTP-mode callback:
 * {@code sign = Base64(HmacSHA256(key = secret, timestamp + "\n" + secret))}.
 */
public final class CallbackHeaders {

    private static final AtomicLong LAST = new AtomicLong();

    private CallbackHeaders() {
    }

    /** Signed now, with a timestamp later than any handed out before: each call is a pair never used. */
    public static Map<String, String> signedNow(String secret) {
        long now = LAST.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
        return signed(Long.toString(now), secret);
    }

    public static Map<String, String> signed(String timestamp, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return Map.of("timestamp", timestamp, "sign", Base64.getEncoder().encodeToString(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
