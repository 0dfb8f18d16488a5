package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.CallbackHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A user of the Go original moves over with what they have: that project's own config.example.yml with three values
 * filled in, or the same settings as its Docker variables; no prompt.yml, nothing else in the directory. Only the
 * DingTalk hosts and the port point at the loopback fakes, through the environment.
 */
class MigrationSystemTest {

    /** The original's example config, as its users have it (kept beside the project, not in it). */
    private static final Path ORIGINAL_EXAMPLE = Path.of("..", "..", "shared", "seed",
            "chatgpt-dingtalk-config.example.yml");

    @TempDir
    Path dir;
    FakeWorld world;
    BotProcess bot;

    @BeforeEach
    void fakes() {
        world = new FakeWorld();
    }

    @AfterEach
    void stop() {
        if (bot != null) bot.close();
        world.close();
    }

    @Test
    void the_originals_config_example_with_three_values_filled_in_and_no_prompt_file_starts_and_answers()
            throws Exception {
        assumeTrue(Files.isRegularFile(ORIGINAL_EXAMPLE), "the original's config.example.yml is beside the project");
        String original = Files.readString(ORIGINAL_EXAMPLE);
        String filled = original
                .replace("api_key: \"xxxxxxxxx\"", "api_key: \"" + FakeWorld.API_KEY + "\"")
                .replace("base_url: \"\"", "base_url: \"" + world.openAi.rootUrl() + "\"")
                .replace("put-your-client-id-here", FakeWorld.CLIENT_ID)
                .replace("put-your-client-secret-here", FakeWorld.CLIENT_SECRET);
        assertThat(filled).as("the three values were found in the original's file").doesNotContain("put-your-client", "\"xxxxxxxxx\"");
        Files.writeString(dir.resolve("config.yml"), filled);

        bot = startAndAwaitConnection(Map.of(), "run", "--config", dir.resolve("config.yml").toString());

        assertThat(world.ask(BotMessages.privateChat().text("你好")).text()).isEqualTo("hello world");
        assertThat(bot.output()).contains("prompt templates: 23 built in");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("prompt.yml");
    }

    @Test
    void the_same_settings_as_the_originals_docker_variables_alone_start_and_answer() throws Exception {
        Map<String, String> originalVariables = Map.of(
                "APIKEY", FakeWorld.API_KEY,
                "BASE_URL", world.openAi.rootUrl(),
                "RUN_MODE", "stream",
                "DINGTALK_CREDENTIALS", FakeWorld.CLIENT_ID + ":" + FakeWorld.CLIENT_SECRET,
                "DEFAULT_MODE", "串聊",
                "MAX_QUESTION_LEN", "2048");

        bot = startAndAwaitConnection(originalVariables, "run");

        assertThat(world.ask(BotMessages.privateChat().text("你好")).text()).isEqualTo("hello world");
        assertThat(bot.output()).contains("prompt templates: 23 built in");
    }

    @Test
    void http_mode_with_only_the_originals_app_secrets_answers_a_callback_signed_with_one_of_them() throws Exception {
        Files.writeString(dir.resolve("config.yml"), """
                run_mode: "http"
                api_key: "%s"
                base_url: "%s"
                app_secrets: ["legacy-app-secret"]
                """.formatted(FakeWorld.API_KEY, world.openAi.rootUrl()));
        bot = BotProcess.start(dir, Map.of("PORT", Integer.toString(world.httpPort),
                "DINGTALK_API_HOST", world.gateway.apiBaseUrl(), "DINGTALK_OAPI_HOST", world.gateway.apiBaseUrl()), "run");
        bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
        int before = world.api.messages().size();
        String question = BotMessages.privateChat().text("你好").sessionWebhookBase(world.gateway.apiBaseUrl()).json();

        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + world.httpPort + "/callback"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(question));
        CallbackHeaders.signedNow("legacy-app-secret").forEach(post::header);
        int status = HttpClient.newHttpClient().send(post.build(), HttpResponse.BodyHandlers.discarding()).statusCode();

        assertThat(status).as(bot.output()).isEqualTo(200);
        assertThat(world.awaitMessage(before, Duration.ofSeconds(20)).text()).isEqualTo("hello world");
        assertThat(bot.output()).contains("0 app(s), 1 app_secrets");
    }

    /** Starts the real main in the empty directory, with the fakes' hosts and a free port in its environment. */
    private BotProcess startAndAwaitConnection(Map<String, String> env, String... args) throws Exception {
        Map<String, String> withFakes = new HashMap<>(env);
        withFakes.put("DINGTALK_API_HOST", world.gateway.apiBaseUrl());
        withFakes.put("DINGTALK_OAPI_HOST", world.gateway.apiBaseUrl());
        withFakes.put("PORT", Integer.toString(world.httpPort));
        int before = world.gateway.connectionsOpened();
        BotProcess started = BotProcess.start(dir, withFakes, args);
        started.awaitOutput("dingbot ready", Duration.ofSeconds(60));
        assertThat(world.gateway.awaitConnections(before + 1, Duration.ofSeconds(20)))
                .as("a stream connection:\n%s", started.output()).isTrue();
        return started;
    }
}
