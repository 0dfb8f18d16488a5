package dev.dingbot.dingtalk;

import dev.dingbot.core.port.ReplayGuard;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * DingTalk's HTTP-callback signature: {@code sign = Base64(HmacSHA256(key = appSecret, timestamp + "\n" +
 * appSecret))}, with the timestamp (epoch ms) at most {@code window} old (DingTalk's rule is an hour) and at most
 * {@link #FUTURE_SKEW} ahead. Every configured app is tried, then the secrets of no app in particular (the
 * original's {@code app_secrets}). The body is not signed, so a pair is accepted once: seen on the wire, it would
 * otherwise carry any body for the rest of its window. Where the configuration accepts unsigned callbacks, one
 * without {@code timestamp} and {@code sign} is taken as from no app in particular; a wrong sign never is.
 */
final class CallbackSignature {

    /** How far ahead of our clock a timestamp may be: clock drift, not DingTalk's hour. */
    static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    /** What a callback signed by a secret of no app, or not signed at all, comes from. */
    static final DingTalkSettings.Credential NO_APP = new DingTalkSettings.Credential("", "");

    private final List<DingTalkSettings.Credential> signers;
    private final boolean unsignedAccepted;
    private final Duration window;
    private final ReplayGuard used;
    private final Clock clock;

    CallbackSignature(DingTalkSettings settings, ReplayGuard used, Clock clock) {
        List<DingTalkSettings.Credential> all = new ArrayList<>(settings.credentials());
        settings.callbackTrust().secrets().forEach(secret -> all.add(new DingTalkSettings.Credential("", secret)));
        this.signers = List.copyOf(all);
        this.unsignedAccepted = settings.callbackTrust().unsignedAccepted();
        this.window = settings.callbackWindow();
        this.used = used;
        this.clock = clock;
    }

    /**
     * The app whose secret signed this timestamp; empty when unsigned, stale, too far ahead, signed by no
     * configured app or already used.
     */
    Optional<DingTalkSettings.Credential> verify(String timestamp, String sign) {
        boolean noTimestamp = timestamp == null || timestamp.isBlank();
        boolean noSign = sign == null || sign.isBlank();
        if (noTimestamp && noSign && unsignedAccepted) return Optional.of(NO_APP);
        if (noTimestamp || noSign) return Optional.empty();
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        long age = clock.millis() - millis;
        if (age > window.toMillis() || -age > FUTURE_SKEW.toMillis()) return Optional.empty();
        byte[] given = sign.trim().getBytes(StandardCharsets.US_ASCII);
        DingTalkSettings.Credential match = null;
        for (DingTalkSettings.Credential credential : signers) {
            byte[] expected = sign(timestamp.trim(), credential.clientSecret()).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given) && match == null) match = credential;
        }
        if (match == null) return Optional.empty();
        // remembered until the first millisecond the timestamp is too old anyway
        boolean first = used.firstUse(timestamp.trim() + "\n" + sign.trim(),
                Instant.ofEpochMilli(millis).plus(window).plusMillis(1));
        return first ? Optional.of(match) : Optional.empty();
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
