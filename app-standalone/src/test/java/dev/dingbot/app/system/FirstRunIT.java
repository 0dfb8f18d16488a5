package dev.dingbot.app.system;

import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar as a new user meets it: the README's first snippet, and the command line's help and errors. */
class FirstRunIT {

    private static final Path REPO = Path.of("..");
    private static final Path JAR = Path.of(System.getProperty("dingbot.jar", "target/dingbot.jar"));

    @TempDir
    Path dir;

    @Test
    void the_readmes_first_snippet_runs_as_written_on_a_fresh_directory() throws Exception {
        List<String> commands = readmeJarCommands();
        assertThat(commands).as("the snippet inits, then runs").hasSize(2);
        assertThat(commands.get(0)).isEqualTo("init");
        assertThat(commands.get(1)).isEqualTo("run");
        try (FakeWorld world = new FakeWorld()) {
            try (BotProcess init = BotProcess.startJar(dir, JAR, commands.get(0).split(" "))) {
                assertThat(init.awaitExit(Duration.ofSeconds(60))).as(init.output()).isZero();
                assertThat(init.output()).contains("api_key", "client_id", "client_secret");
            }
            Path config = dir.resolve("config.yml");
            Files.writeString(config, Files.readString(config)
                    .replace("put-your-api-key-here", FakeWorld.API_KEY)
                    .replace("put-your-client-id-here", FakeWorld.CLIENT_ID)
                    .replace("put-your-client-secret-here", FakeWorld.CLIENT_SECRET));
            Map<String, String> fakes = Map.of("BASE_URL", world.openAi.rootUrl(),
                    "DINGTALK_API_HOST", world.gateway.apiBaseUrl(), "DINGTALK_OAPI_HOST", world.gateway.apiBaseUrl(),
                    "PORT", Integer.toString(world.httpPort));
            try (BotProcess run = BotProcess.startJar(dir, fakes, JAR, commands.get(1).split(" "))) {
                run.awaitOutput("dingbot ready", Duration.ofSeconds(60));
                assertThat(world.gateway.awaitConnections(1, Duration.ofSeconds(20))).as(run.output()).isTrue();
                assertThat(world.ask(BotMessages.privateChat().text("你好")).text()).isEqualTo("hello world");
                assertThat(run.output()).doesNotContain("placeholder");
            }
        }
    }

    @Test
    void check_of_the_jar_after_init_flags_the_placeholders_and_asks_creates_and_logs_nothing() throws Exception {
        try (FakeWorld world = new FakeWorld()) {
            try (BotProcess init = BotProcess.startJar(dir, JAR, "init")) {
                assertThat(init.awaitExit(Duration.ofSeconds(60))).as(init.output()).isZero();
            }
            Map<String, String> fakes = Map.of("BASE_URL", world.openAi.rootUrl(),
                    "DINGTALK_API_HOST", world.gateway.apiBaseUrl());
            try (BotProcess check = BotProcess.startJar(dir, fakes, JAR, "check")) {
                assertThat(check.awaitExit(Duration.ofSeconds(60))).as(check.output()).isEqualTo(1);
                assertThat(check.output()).contains("✘ model", "api_key is still the example's placeholder",
                                "✘ DingTalk app put-your-client-id-here", "fix: put your key into api_key")
                        .doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(TRACE|DEBUG|INFO|WARN|ERROR) ");
            }
            assertThat(world.openAi.requestCount()).as("requests to the model").isZero();
            assertThat(world.api.requests(FakeDingTalkApi.TOKEN)).as("token requests").isEmpty();
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    @Test
    void help_after_every_command_of_the_jar_answers_with_exit_code_0() throws Exception {
        for (String command : List.of("run", "chat", "check", "init", "version")) {
            try (BotProcess help = BotProcess.startJar(dir, JAR, command, "--help")) {
                assertThat(help.awaitExit(Duration.ofSeconds(30))).as(command + " --help").isZero();
                assertThat(help.output()).contains("Usage: dingbot " + command);
            }
        }
    }

    @Test
    void a_usage_error_of_the_jar_prints_the_short_usage_and_exits_with_2() throws Exception {
        try (BotProcess wrong = BotProcess.startJar(dir, JAR, "run", "--no-such-flag")) {
            assertThat(wrong.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(wrong.output()).contains("Unknown option: '--no-such-flag'", "Usage: dingbot run")
                    .doesNotContain("Getting started:");
        }
    }

    /**
     * The commands given to the jar in the README's first code block, each checked to name the jar where the build
     * puts it.
     */
    private static List<String> readmeJarCommands() throws Exception {
        Matcher block = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(REPO.resolve("README.md")));
        assertThat(block.find()).as("README has a first bash snippet").isTrue();
        Matcher java = Pattern.compile("java -jar (\\S+) ([^&#\\n]+)").matcher(block.group(1));
        List<String> commands = new ArrayList<>();
        while (java.find()) {
            Path named = REPO.resolve(java.group(1));
            assertThat(Files.exists(named) && Files.isSameFile(named, JAR))
                    .as("the snippet's %s is the built jar %s", java.group(1), JAR).isTrue();
            commands.add(java.group(2).trim());
        }
        return commands;
    }
}
