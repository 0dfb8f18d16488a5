package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.postgres.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged {@code dingbot.jar}, started with {@code java -jar}, connects over Stream mode and answers, on files or PostgreSQL. */
class ShadedJarIT {

    @TempDir
    Path dir;

    @Test
    void the_shaded_jar_runs_and_answers_a_question() throws Exception {
        Path jar = Path.of(System.getProperty("dingbot.jar", "target/dingbot.jar"));
        assertThat(Files.isRegularFile(jar)).as(jar + " is built").isTrue();
        try (FakeWorld world = new FakeWorld()) {
            world.writeConfig(dir, "");
            try (BotProcess bot = BotProcess.startJar(dir, jar, "run")) {
                bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
                assertThat(world.gateway.awaitConnections(1, Duration.ofSeconds(10))).isTrue();
                assertThat(world.ask(BotMessages.group().text(" 你好")).text()).isEqualTo("hello world\n\n@user001");
                assertThat(bot.terminate(Duration.ofSeconds(30))).as(bot.output()).isZero();
            }
        }
    }

    @Test
    void the_shaded_jar_runs_on_postgres_storage_with_the_tables_it_creates() throws Exception {
        Path jar = Path.of(System.getProperty("dingbot.jar", "target/dingbot.jar"));
        LocalPostgres.Database database = LocalPostgres.start().createDatabase();
        Map<String, String> env = Map.of("STORAGE_KIND", "postgres", "STORAGE_POSTGRES_URL", database.jdbcUrl(),
                "STORAGE_POSTGRES_USER", database.user(), "INSTANCE_ID", "jar-1");
        try (FakeWorld world = new FakeWorld()) {
            world.writeConfig(dir, "");
            try (BotProcess bot = BotProcess.startJar(dir, env, jar, "run")) {
                bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
                assertThat(world.gateway.awaitConnections(1, Duration.ofSeconds(10))).isTrue();
                assertThat(world.ask(BotMessages.group().text(" 你好")).text()).isEqualTo("hello world\n\n@user001");
                assertThat(bot.output()).contains("storage: PostgreSQL as instance jar-1");
                assertThat(bot.terminate(Duration.ofSeconds(30))).as(bot.output()).isZero();
            }
        }
    }
}
