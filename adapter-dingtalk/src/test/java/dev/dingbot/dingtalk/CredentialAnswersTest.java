package dev.dingbot.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.dingbot.dingtalk.DingTalkChannel.CredentialCheck;
import dev.dingbot.dingtalk.DingTalkChannel.CredentialCheck.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How DingTalk's answer to a call with an app's AppKey/AppSecret is read, for check and for Stream mode. */
class CredentialAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "https://api.dingtalk.com";

    @Test
    void a_401_or_a_400_naming_the_client_or_its_secret_is_a_rejection_naming_the_key_to_fix() throws Exception {
        assertThat(judge(401, "{\"code\":\"authFailed\",\"message\":\"鉴权失败\"}")).satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(Outcome.REJECTED);
            assertThat(c.describe()).isEqualTo("app ding1: DingTalk rejected its AppKey/AppSecret (HTTP 401 "
                    + "authFailed: 鉴权失败) — fix credentials[3].client_secret");
        });
        assertThat(judge(400, "{\"code\":\"invalidClientSecret\",\"message\":\"x\"}").fix())
                .isEqualTo("fix credentials[3].client_secret");
        assertThat(judge(400, "{\"code\":\"invalidClientId\",\"message\":\"x\"}").fix())
                .isEqualTo("fix credentials[3].client_id");
    }

    @Test
    void no_answer_a_server_error_a_403_or_a_bad_request_of_another_kind_is_a_failure_worth_another_try()
            throws Exception {
        CredentialCheck unreachable = CredentialAnswers.judge("ding1", 0, HOST,
                OpenApiHttp.Answer.unreachable("no answer in time"), false, "ok");
        assertThat(unreachable.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(unreachable.describe()).isEqualTo("app ding1: cannot reach " + HOST + " (no answer in time)");
        CredentialCheck refused = CredentialAnswers.judge("ding1", 0, HOST,
                OpenApiHttp.Answer.refusedConnection("Connection refused"), false, "ok");
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.describe()).startsWith("app ding1: connection refused at " + HOST + ": nothing listens");
        assertThat(unreachable.rejected() || refused.rejected()).as("worth another try").isFalse();

        assertThat(judge(503, "{\"code\":\"ServiceUnavailable\"}").describe())
                .isEqualTo("app ding1: " + HOST + " answered HTTP 503 ServiceUnavailable");
        assertThat(judge(403, "{\"code\":\"Forbidden.AccessDenied.QpsLimitForApi\"}").outcome())
                .isEqualTo(Outcome.FAILED);
        assertThat(judge(400, "{\"code\":\"MissingBody\"}").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void a_2xx_without_what_was_asked_for_is_a_failure_and_with_it_accepted() {
        OpenApiHttp.Answer empty = new OpenApiHttp.Answer(200, MissingNode.getInstance());

        assertThat(CredentialAnswers.judge("ding1", 0, HOST, empty, false, "ok").describe())
                .isEqualTo("app ding1: " + HOST + " answered HTTP 200 without what was asked for");
        assertThat(CredentialAnswers.judge("ding1", 0, HOST, empty, true, "access token issued"))
                .isEqualTo(new CredentialCheck("ding1", Outcome.ACCEPTED, "access token issued", ""));
    }

    @Test
    void check_asks_for_a_token_per_app_and_reads_the_answer_the_same_way() {
        try (ReplyTestBed bed = new ReplyTestBed(ReplyTestBed.Options.plain())) {
            DingTalkSettings settings = DingTalkSettings.builder().credentials(List.of(
                    new DingTalkSettings.Credential(ReplyTestBed.APP, ReplyTestBed.SECRET),
                    new DingTalkSettings.Credential(ReplyTestBed.APP, "not-its-secret")))
                    .apiHost(bed.settings.apiHost()).oapiHost(bed.settings.oapiHost())
                    .httpTimeout(Duration.ofSeconds(5)).sendRetries(0).build();

            List<CredentialCheck> checks = DingTalkChannel.checkCredentials(settings, settings.credentials());

            assertThat(checks).extracting(CredentialCheck::outcome).containsExactly(Outcome.ACCEPTED, Outcome.REJECTED);
            assertThat(checks.get(1).describe()).contains("HTTP 400 invalidClientIdOrSecret",
                    "fix credentials[1].client_secret");
        }
    }

    private static CredentialCheck judge(int status, String body) throws Exception {
        return CredentialAnswers.judge("ding1", 3, HOST, new OpenApiHttp.Answer(status, JSON.readTree(body)), false,
                "ok");
    }
}
