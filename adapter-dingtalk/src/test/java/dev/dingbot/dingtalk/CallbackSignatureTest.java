package dev.dingbot.dingtalk;

import dev.dingbot.core.memory.InMemoryReplayGuard;
import dev.dingbot.dingtalk.DingTalkSettings.Credential;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackSignatureTest {

    private static final Credential ORIGINAL = new Credential("ding-original", "client-secret-for-test");
    private static final Credential PROTOCOL = new Credential("ding-protocol", "testAppSecret-ABC123");

    private static CallbackSignature at(long nowMillis) {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC);
        return new CallbackSignature(DingTalkSettings.defaults(List.of(ORIGINAL, PROTOCOL)),
                new InMemoryReplayGuard(clock, 100), clock);
    }

    @Test
    void the_signature_matches_the_published_test_vectors() {
        assertThat(CallbackSignature.sign("1684493546276", "client-secret-for-test"))
                .isEqualTo("nwBJQmaBLv9+5/sSS/66jcFc1/kGY5wo38L88LOGfRU=");
        assertThat(CallbackSignature.sign("1700000000000", "testAppSecret-ABC123"))
                .isEqualTo("XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=");
    }

    @Test
    void every_configured_app_is_tried_and_the_one_that_signed_is_returned() {
        assertThat(at(1684493546276L).verify("1684493546276", "nwBJQmaBLv9+5/sSS/66jcFc1/kGY5wo38L88LOGfRU="))
                .contains(ORIGINAL);
        assertThat(at(1700000000000L).verify("1700000000000", "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI="))
                .contains(PROTOCOL);
    }

    @Test
    void a_timestamp_older_than_the_window_is_refused_even_when_correctly_signed() {
        String sign = "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=";
        long hour = Duration.ofHours(1).toMillis();

        assertThat(at(1700000000000L + hour).verify("1700000000000", sign)).isPresent();
        assertThat(at(1700000000000L + hour + 1).verify("1700000000000", sign)).isEmpty();
    }

    @Test
    void a_timestamp_more_than_five_minutes_ahead_of_our_clock_is_refused_even_when_correctly_signed() {
        String sign = "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=";
        long fiveMinutes = Duration.ofMinutes(5).toMillis();

        assertThat(at(1700000000000L - fiveMinutes).verify("1700000000000", sign)).isPresent();
        assertThat(at(1700000000000L - fiveMinutes - 1).verify("1700000000000", sign)).isEmpty();
        assertThat(at(1700000000000L - Duration.ofMinutes(59).toMillis()).verify("1700000000000", sign)).isEmpty();
    }

    @Test
    void a_signed_pair_is_accepted_once_and_refused_when_used_again_within_its_window() {
        CallbackSignature signature = at(1700000000000L);
        String sign = "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=";

        assertThat(signature.verify("1700000000000", sign)).contains(PROTOCOL);
        assertThat(signature.verify("1700000000000", sign)).isEmpty();
        assertThat(signature.verify(" 1700000000000 ", sign + " ")).as("the same pair padded").isEmpty();
    }

    @Test
    void a_refused_signature_does_not_use_up_the_timestamp_for_the_real_one() {
        CallbackSignature signature = at(1700000000000L);

        assertThat(signature.verify("1700000000000", "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEJ=")).isEmpty();
        assertThat(signature.verify("1700000000000", "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=")).isPresent();
    }

    @Test
    void a_wrong_missing_or_garbled_signature_is_refused() {
        CallbackSignature signature = at(1700000000000L);

        assertThat(signature.verify("1700000000000", "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEJ=")).isEmpty();
        assertThat(signature.verify("1700000000001", "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=")).isEmpty();
        assertThat(signature.verify("1700000000000", null)).isEmpty();
        assertThat(signature.verify(null, "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=")).isEmpty();
        assertThat(signature.verify("yesterday", "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=")).isEmpty();
        assertThat(signature.verify("1700000000000", "")).isEmpty();
    }

    @Test
    void with_no_configured_app_nothing_verifies() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1700000000000L), ZoneOffset.UTC);
        CallbackSignature none = new CallbackSignature(DingTalkSettings.defaults(List.of()),
                new InMemoryReplayGuard(clock, 100), clock);

        assertThat(none.verify("1700000000000", "XCtuKpm0uXud8J4/XVTyO3oenoHYF+93XlrOtQTcHEI=")).isEmpty();
    }
}
