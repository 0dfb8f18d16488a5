package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;

import static dev.dingbot.app.system.StreamConnectionSystemTest.assertClean;
import static dev.dingbot.app.system.StreamConnectionSystemTest.linesWith;
import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees of a running bot, through the real main: its log lines and {@code /metrics}. */
class OperatorViewSystemTest extends BotInFakeWorld {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void each_answered_message_is_one_info_line_with_msgid_latency_model_tokens_and_outcome_but_not_its_content()
            throws Exception {
        world.writeConfig(dir, "");
        bot = world.runStreamBot(dir);

        assertThat(world.ask(BotMessages.privateChat().msgId("msgOPS0001==").text("你好")).text())
                .isEqualTo("hello world");

        bot.awaitOutput("answered msgOPS0001==", Duration.ofSeconds(10));
        assertThat(linesWith(bot.output(), "msgOPS0001==")).singleElement().asString()
                .contains("INFO", "gpt-4o-mini", " ms", ", ok").containsPattern("tokens \\d+\\+\\d+")
                .doesNotContain("你好", "hello world");
    }

    @Test
    void an_answer_that_could_not_be_delivered_is_one_warning_naming_its_message() throws Exception {
        world.writeConfig(dir, "");
        bot = world.runStreamBot(dir);
        world.api.webhookAnswers(310000, "keywords not in content", 1);

        world.gateway.pushBotMessage(BotMessages.privateChat().msgId("msgOPS0002==").text("你好")
                .sessionWebhookBase(world.gateway.apiBaseUrl()).json());

        bot.awaitOutput("could not be delivered", Duration.ofSeconds(20));
        assertThat(linesWith(bot.output(), "could not be delivered")).singleElement().asString()
                .contains("WARN", "msgOPS0002==", "gpt-4o-mini").doesNotContain("你好", "hello world");
        assertThat(linesWith(bot.output(), "answered msgOPS0002==")).isEmpty();
    }

    @Test
    void refused_callbacks_are_counted_in_metrics_by_status() throws Exception {
        world.writeConfig(dir, "info", "http", "");
        bot = world.runBot(dir);

        int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.httpPort + "/callback"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();

        assertThat(status).isEqualTo(401);
        assertThat(metrics()).contains("dingbot_callbacks_refused_total{status=\"401\"} 1");
    }

    @Test
    void a_port_in_use_is_named_with_its_keys_in_one_line_and_the_bot_exits_non_zero_without_a_stack_trace()
            throws Exception {
        world.writeConfig(dir, "");
        try (ServerSocket taken = new ServerSocket(world.httpPort)) {
            bot = BotProcess.start(dir, "run", "--config", dir.resolve("config.yml").toString());

            assertThat(bot.awaitExit(Duration.ofSeconds(60))).as(bot.output()).isNotZero();
        }
        assertThat(linesWith(bot.output(), "already in use")).singleElement().asString()
                .contains("port " + world.httpPort, "server.port", "PORT", "--port");
        assertClean(bot.output());
    }

    @Test
    void a_data_dir_that_cannot_be_opened_is_named_with_why_and_its_key_in_one_line() throws Exception {
        world.writeConfig(dir, "");
        Files.writeString(dir.resolve("data"), "a file where the data dir should be");

        bot = BotProcess.start(dir, "run", "--config", dir.resolve("config.yml").toString());

        assertThat(bot.awaitExit(Duration.ofSeconds(60))).as(bot.output()).isNotZero();
        assertThat(linesWith(bot.output(), "cannot open data dir")).singleElement().asString()
                .contains("it is a file, not a directory", "storage.data_dir", "STORAGE_DATA_DIR", "--data-dir");
        assertClean(bot.output());
    }

    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.httpPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
