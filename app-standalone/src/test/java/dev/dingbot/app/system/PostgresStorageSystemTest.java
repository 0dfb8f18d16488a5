package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.postgres.LocalPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code storage.kind: postgres} through the real main, on a database of its own of the testkit's PostgreSQL. */
class PostgresStorageSystemTest extends BotInFakeWorld {

    private static LocalPostgres.Database database;

    @BeforeAll
    static void createDatabase() {
        database = LocalPostgres.start().createDatabase();
    }

    private static Map<String, String> postgres(String url) {
        return Map.of("STORAGE_KIND", "postgres", "STORAGE_POSTGRES_URL", url,
                "STORAGE_POSTGRES_USER", database.user(), "INSTANCE_ID", "bot-a");
    }

    @Test
    void a_bot_on_postgres_answers_keeps_its_state_in_the_database_and_shows_the_storage_in_readyz() throws Exception {
        world.writeConfig(dir, "");
        bot = world.runStreamBot(dir, postgres(database.jdbcUrl()));

        assertThat(world.ask(BotMessages.privateChat().sender("pg01", "Alice").text("你好")).text())
                .isEqualTo("hello world");

        assertThat(bot.output()).contains("storage: PostgreSQL as instance bot-a");
        HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + world.httpPort + "/readyz")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("ok   storage\n", "info instance bot-a\n", "info live instances: bot-a\n");
        assertThat(rows("SELECT count(*) FROM inbox_messages WHERE completed_at IS NOT NULL")).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM history")).isEqualTo(2);
    }

    @Test
    void a_database_that_does_not_answer_stops_the_start_with_one_line_naming_the_key() throws Exception {
        world.writeConfig(dir, "");
        bot = BotProcess.start(dir, postgres("jdbc:postgresql://127.0.0.1:" + closedPort() + "/dingbot"),
                "run", "--config", dir.resolve("config.yml").toString());

        assertThat(bot.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(bot.output()).contains("dingbot could not start: cannot reach PostgreSQL at 127.0.0.1:",
                "storage.postgres.url (env STORAGE_POSTGRES_URL)").doesNotContain("\tat ");
    }

    @Test
    void a_database_that_refuses_the_configured_name_is_a_configuration_error() throws Exception {
        world.writeConfig(dir, "");
        bot = BotProcess.start(dir, postgres(database.jdbcUrl() + "_missing"),
                "run", "--config", dir.resolve("config.yml").toString());

        assertThat(bot.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(bot.output()).contains("dingbot could not start: cannot reach PostgreSQL", "does not exist",
                "storage.postgres.url").doesNotContain("\tat ");
    }

    private static long rows(String countQuery) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password()); Statement s = connection.createStatement();
             ResultSet result = s.executeQuery(countQuery)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
