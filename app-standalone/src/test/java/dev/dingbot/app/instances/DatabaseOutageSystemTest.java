package dev.dingbot.app.instances;

import dev.dingbot.app.system.BotInFakeWorld;
import dev.dingbot.app.system.BotProcess;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.postgres.CuttableProxy;
import dev.dingbot.testkit.postgres.LocalPostgres;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real main on PostgreSQL storage while the database goes away and comes back (the network to it cut by a
 * proxy; the shared test server keeps running): users are told the bot cannot take messages, /readyz fails, and
 * once the database is back the bot answers again without a restart.
 */
class DatabaseOutageSystemTest extends BotInFakeWorld {

    private int readyz() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + world.httpPort + "/readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private void awaitReadyz(IntPredicate status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!status.test(readyz())) {
            if (System.nanoTime() > deadline) throw new AssertionError("/readyz stayed " + readyz() + "\n" + bot.output());
            Thread.sleep(200);
        }
    }

    @Test
    void while_the_database_is_away_users_are_told_and_readyz_fails_and_once_it_is_back_the_bot_answers_again()
            throws Exception {
        LocalPostgres server = LocalPostgres.start();
        LocalPostgres.Database database = server.createDatabase();
        try (CuttableProxy network = new CuttableProxy(server.host(), server.port())) {
            world.writeConfig(dir, "tools:\n  builtin: []\n");
            bot = BotProcess.start(dir, Map.of("STORAGE_KIND", "postgres",
                    "STORAGE_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + network.port() + "/" + database.name(),
                    "STORAGE_POSTGRES_USER", database.user()), "run", "--config", dir.resolve("config.yml").toString());
            bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
            assertThat(world.ask(BotMessages.privateChat().text("before")).text()).isEqualTo("hello world");
            Thread.sleep(1000); // the answer is marked done in the database right after it went out

            network.cut();
            awaitReadyz(status -> status == 503, Duration.ofSeconds(15));
            assertThat(world.ask(BotMessages.privateChat().sender("user002", "Bob").text("during")).text())
                    .isEqualTo("**🤷 机器人暂时无法保存消息，请稍后再试。**");

            network.restore();
            awaitReadyz(status -> status == 200, Duration.ofSeconds(30));
            assertThat(world.ask(BotMessages.privateChat().sender("user003", "Carol").text("after")).text())
                    .isEqualTo("hello world");
            assertThat(bot.isAlive()).isTrue();
            assertThat(bot.output()).doesNotContain("\tat ");
        }
    }
}
