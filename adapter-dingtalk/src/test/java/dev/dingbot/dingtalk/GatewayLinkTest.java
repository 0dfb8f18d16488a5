package dev.dingbot.dingtalk;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.dingtalk.open.app.stream.network.api.EndPointConnection;
import dev.dingbot.core.testing.MutableClock;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bot's own open-connection call: how it reads DingTalk's answer, when it tries again, and what it logs. */
class GatewayLinkTest {

    private static final String APP = "dingLinkApp";
    private static final String SECRET = "right-secret";

    private final FakeDingTalkGateway gateway = new FakeDingTalkGateway()
            .acceptOnly((id, secret) -> id.equals(APP) && secret.equals(SECRET)).start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final OkHttpClient http = new OkHttpClient();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(GatewayLink.class);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        http.dispatcher().executorService().shutdown();
        gateway.close();
    }

    @Test
    void a_wrong_app_secret_is_read_as_rejected_naming_the_key_to_fix_in_dingtalks_own_words() {
        GatewayLink link = link(2, "wrong-secret");

        DingTalkChannel.CredentialCheck first = link.firstAttempt();

        assertThat(first.rejected()).isTrue();
        assertThat(first.describe()).isEqualTo("app " + APP + ": DingTalk rejected its AppKey/AppSecret "
                + "(HTTP 401 authFailed: 鉴权失败) — fix credentials[2].client_secret");
        assertThat(failures).containsExactly("rejected");
        assertThat(lines()).as("the caller decides what to say about the first attempt").isEmpty();
    }

    @Test
    void a_kept_first_ticket_is_handed_to_the_sdk_without_a_second_call() throws Exception {
        GatewayLink link = link(0, SECRET);

        assertThat(link.firstAttempt().ok()).isTrue();
        EndPointConnection connection = link.openConnection();

        assertThat(gateway.openConnectionCalls()).isEqualTo(1);
        assertThat(connection.getClientId()).isEqualTo(APP);
        assertThat(connection.getEndPoint().getPort()).isEqualTo(gateway.webSocketPort());
    }

    @Test
    void an_unreachable_gateway_is_tried_again_after_5_10_20_then_every_30_s_and_logged_once() throws Exception {
        gateway.unreachable(true);
        GatewayLink link = link(0, SECRET);
        link.reportFirst(link.firstAttempt());
        int calls = gateway.openConnectionCalls();

        for (long pause : new long[] {5, 10, 20, 30, 30}) {
            clock.advance(Duration.ofSeconds(pause - 2));
            assertThatThrownBy(link::openConnection).as("asked during the pause").isInstanceOf(GatewayLink.Pausing.class);
            assertThat(gateway.openConnectionCalls()).isEqualTo(calls);
            clock.advance(Duration.ofSeconds(2));
            assertThatThrownBy(link::openConnection).isInstanceOf(GatewayLink.Pausing.class);
            assertThat(gateway.openConnectionCalls()).as("tried after %d s", pause).isGreaterThan(calls);
            calls = gateway.openConnectionCalls();
        }

        assertThat(lines()).singleElement().asString()
                .startsWith("app " + APP + ": cannot reach " + gateway.apiBaseUrl() + " (")
                .endsWith("; retrying in 5 s, pausing up to 30 s between attempts");
        assertThat(failures).hasSize(6).containsOnly("unreachable");
    }

    @Test
    void once_the_gateway_is_back_the_sdk_gets_a_connection_and_a_later_failure_is_logged_again() throws Exception {
        gateway.unreachable(true);
        GatewayLink link = link(0, SECRET);
        link.reportFirst(link.firstAttempt());
        gateway.unreachable(false);
        clock.advance(Duration.ofSeconds(5));

        assertThat(link.openConnection().getClientId()).isEqualTo(APP);
        link.connected();
        gateway.unreachable(true);
        assertThatThrownBy(link::openConnection).as("no pause after a connection")
                .isInstanceOf(GatewayLink.Pausing.class);

        assertThat(lines()).hasSize(2).allMatch(line -> line.contains("cannot reach"));
    }

    @Test
    void asked_again_after_a_ticket_that_opened_no_session_the_websocket_is_named_as_unreachable() throws Exception {
        GatewayLink link = link(0, SECRET);
        link.firstAttempt();
        String endpoint = link.openConnection().getEndPoint().toString();

        assertThatThrownBy(link::openConnection).isInstanceOf(GatewayLink.Pausing.class);

        assertThat(lines()).singleElement().asString()
                .isEqualTo("app " + APP + ": cannot reach the Stream gateway " + endpoint
                        + "; retrying in 5 s, pausing up to 30 s between attempts");
        assertThat(gateway.openConnectionCalls()).isEqualTo(1);
    }

    @Test
    void asked_again_after_a_ticket_whose_session_opened_and_went_away_it_opens_a_new_one_at_once() throws Exception {
        GatewayLink link = link(0, SECRET);
        link.sessionsSeenBy(ticket -> true);
        link.firstAttempt();
        link.openConnection();

        assertThat(link.openConnection().getClientId()).isEqualTo(APP);

        assertThat(gateway.openConnectionCalls()).isEqualTo(2);
        assertThat(lines()).isEmpty();
        assertThat(failures).isEmpty();
    }

    private GatewayLink link(int index, String secret) {
        DingTalkChannel.Events events = new DingTalkChannel.Events() {
            @Override
            public void streamConnectFailed(String clientId, boolean rejected) {
                failures.add(rejected ? "rejected" : "unreachable");
            }
        };
        return new GatewayLink(index, new DingTalkSettings.Credential(APP, secret), gateway.apiBaseUrl(),
                new OpenApiHttp(http, 0, Duration.ZERO), clock, events);
    }

    private List<String> lines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
