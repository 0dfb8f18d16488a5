package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream mode while DingTalk refuses the AppSecret or cannot be reached, through the real main: one line per app
 * and change of state naming the key to fix, "ready" only once a connection is up, no SDK stack traces.
 */
class StreamConnectionSystemTest extends BotInFakeWorld {

    private static final String BAD_APP = "dingbadapp02";

    @Test
    void a_wrong_app_secret_ends_the_start_with_exit_code_2_and_one_line_naming_credentials_0_client_secret()
            throws Exception {
        Path config = world.writeConfig(dir, "");
        Files.writeString(config, Files.readString(config).replace(FakeWorld.CLIENT_SECRET, "a-wrong-secret"));

        bot = BotProcess.start(dir, "run", "--config", config.toString());

        assertThat(bot.awaitExit(Duration.ofSeconds(60))).as(bot.output()).isEqualTo(2);
        assertThat(linesWith(bot.output(), "credentials[0].client_secret")).singleElement().asString()
                .contains(FakeWorld.CLIENT_ID, "rejected", "authFailed", "鉴权失败");
        assertClean(bot.output());
        assertThat(bot.output()).doesNotContain("dingbot ready");
    }

    @Test
    void with_dingtalk_unreachable_the_bot_says_connecting_then_once_that_it_cannot_reach_it_and_ready_once_it_is_up()
            throws Exception {
        world.gateway.unreachable(true);
        Path config = world.writeConfig(dir, "");

        bot = BotProcess.start(dir, "run", "--config", config.toString());
        bot.awaitOutput("cannot reach", Duration.ofSeconds(60));
        int lines = bot.output().split("\n").length;
        Thread.sleep(10_000);

        String meanwhile = bot.output();
        assertThat(meanwhile.indexOf("connecting")).as(meanwhile).isNotNegative()
                .isLessThan(meanwhile.indexOf("cannot reach"));
        assertThat(linesWith(meanwhile, "cannot reach")).as(meanwhile).singleElement().asString()
                .contains(FakeWorld.CLIENT_ID, world.gateway.apiBaseUrl(), "retrying");
        assertThat(world.gateway.openConnectionCalls()).as("it kept trying, with pauses").isBetween(2, 8);
        assertThat(meanwhile.split("\n")).as("no line per attempt:\n%s", meanwhile).hasSize(lines);
        assertThat(meanwhile).doesNotContain("dingbot ready");

        world.gateway.unreachable(false);

        bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
        assertThat(world.gateway.awaitConnections(1, Duration.ofSeconds(20))).isTrue();
        assertThat(world.ask(BotMessages.privateChat().text("你好")).text()).isEqualTo("hello world");
        assertThat(linesWith(bot.output(), "dingbot ready")).singleElement().asString().contains(FakeWorld.CLIENT_ID);
        assertClean(bot.output());
    }

    @Test
    void of_two_apps_the_good_one_becomes_ready_and_the_rejected_one_is_named_without_ending_the_bot()
            throws Exception {
        bot = BotProcess.start(dir, "run", "--config", writeConfigWithARejectedAppFirst().toString());
        bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
        assertThat(world.gateway.awaitConnections(1, Duration.ofSeconds(20))).isTrue();

        assertThat(world.ask(BotMessages.privateChat().text("你好")).text()).isEqualTo("hello world");
        String output = bot.output();
        assertThat(linesWith(output, "dingbot ready")).singleElement().asString().contains(FakeWorld.CLIENT_ID);
        assertThat(linesWith(output, BAD_APP + ": DingTalk rejected")).as(output).singleElement().asString()
                .contains("credentials[0].client_secret");
        assertThat(bot.isAlive()).isTrue();
        assertClean(output);
    }

    @Test
    void failed_stream_connects_are_counted_in_metrics_by_app_and_reason() throws Exception {
        bot = BotProcess.start(dir, "run", "--config", writeConfigWithARejectedAppFirst().toString());
        bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + world.httpPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("dingbot_stream_connect_failures_total{client_id=\"" + BAD_APP
                + "\",reason=\"rejected\"} 1").doesNotContain("client_id=\"" + FakeWorld.CLIENT_ID + "\",reason");
    }

    /** Two apps: first one DingTalk does not know, then the world's own. */
    private Path writeConfigWithARejectedAppFirst() throws IOException {
        Path config = world.writeConfig(dir, "");
        return Files.writeString(config, Files.readString(config).replace(
                "  - client_id: \"" + FakeWorld.CLIENT_ID + "\"",
                "  - client_id: \"" + BAD_APP + "\"\n    client_secret: \"not-its-secret\"\n"
                        + "  - client_id: \"" + FakeWorld.CLIENT_ID + "\""));
    }

    /** No stack trace, no unfilled SDK placeholder, no escaped Chinese. */
    static void assertClean(String output) {
        assertThat(output).doesNotContain("\tat ", "Exception", "{}", "\\u");
    }

    static List<String> linesWith(String output, String text) {
        return output.lines().filter(line -> line.contains(text)).toList();
    }
}
