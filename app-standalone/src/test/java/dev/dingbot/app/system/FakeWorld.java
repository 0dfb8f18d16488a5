package dev.dingbot.app.system;

import dev.dingbot.testkit.DingbotWorld;
import dev.dingbot.testkit.dingtalk.ApiCard;
import dev.dingbot.testkit.dingtalk.ApiMessage;
import dev.dingbot.testkit.dingtalk.BotMessages;
import dev.dingbot.testkit.dingtalk.FakeDingTalkApi;
import dev.dingbot.testkit.dingtalk.FakeDingTalkGateway;
import dev.dingbot.testkit.openai.FakeOpenAiServer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The loopback world of {@link DingbotWorld} with what the app's tests add: the shipped prompt.yml, an fsync choice,
 * and asking a question and waiting for the reply.
 */
public final class FakeWorld implements AutoCloseable {

    public static final String CLIENT_ID = DingbotWorld.CLIENT_ID;
    public static final String CLIENT_SECRET = DingbotWorld.CLIENT_SECRET;
    public static final String API_KEY = DingbotWorld.API_KEY;

    private final DingbotWorld world = new DingbotWorld();
    public final FakeOpenAiServer openAi = world.openAi;
    public final FakeDingTalkApi api = world.api;
    public final FakeDingTalkGateway gateway = world.gateway;
    public final int httpPort = world.httpPort;
    private String fsync = "batch";

    /**
     * The {@code storage.fsync} of configs written from now on. {@code never} still writes every record to the
     * kernel at once, so it survives SIGKILL, only not a power cut; it spares tests the slow disk flushes.
     */
    public FakeWorld fsync(String policy) {
        fsync = policy;
        return this;
    }

    /** Writes config.yml (with {@code extraYaml} appended) and prompt.yml into {@code dir}. */
    public Path writeConfig(Path dir, String extraYaml) throws IOException {
        return writeConfig(dir, "info", "stream", extraYaml);
    }

    /** Writes config.yml with this log level and run mode ({@code stream} or {@code http}), and prompt.yml. */
    public Path writeConfig(Path dir, String logLevel, String runMode, String extraYaml) throws IOException {
        return world.writeConfig(dir, shippedPrompts(), DingbotWorld.BotConfig.defaults().withLogLevel(logLevel)
                .withRunMode(runMode).withFsync(fsync).withExtraYaml(extraYaml));
    }

    /** Pushes one message through the gateway and waits for the next reply the fake DingTalk accepts. */
    /** Starts {@code dingbot run} on the config in {@code dir} and waits for its ready line. */
    public BotProcess runBot(Path dir) throws IOException, InterruptedException {
        return runBot(dir, Map.of());
    }

    /** {@link #runBot(Path)} with these variables added to the bot's environment. */
    public BotProcess runBot(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        BotProcess bot = BotProcess.start(dir, env, "run", "--config", dir.resolve("config.yml").toString());
        bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
        return bot;
    }

    /** Starts a Stream-mode bot and waits until its connection to the fake gateway is open. */
    public BotProcess runStreamBot(Path dir) throws IOException, InterruptedException {
        return runStreamBot(dir, Map.of());
    }

    /** {@link #runStreamBot(Path)} with these variables added to the bot's environment. */
    public BotProcess runStreamBot(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        int before = gateway.connectionsOpened();
        BotProcess bot = runBot(dir, env);
        if (!gateway.awaitConnections(before + 1, Duration.ofSeconds(20))) {
            throw new AssertionError("no stream connection:\n" + bot.output());
        }
        return bot;
    }

    public ApiMessage ask(BotMessages message) throws InterruptedException {
        int before = api.messages().size();
        gateway.pushBotMessage(message.sessionWebhookBase(gateway.apiBaseUrl()).json());
        return awaitMessage(before, Duration.ofSeconds(20));
    }

    public ApiMessage awaitMessage(int before, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (api.messages().size() <= before) {
            if (System.nanoTime() > deadline) throw new AssertionError("no reply within " + timeout);
            Thread.sleep(20);
        }
        List<ApiMessage> messages = api.messages();
        return messages.get(before);
    }

    /** The card at {@code index} (in creation order) once its final frame arrived. */
    public ApiCard awaitFinishedCard(int index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<ApiCard> cards = api.cards();
            if (cards.size() > index && cards.get(index).finalized()) return cards.get(index);
            Thread.sleep(50);
        }
        throw new AssertionError("no finished card #" + index + " in " + api.cards());
    }

    /** The prompt.yml at the repository root, the one the jar ships (tests run in the module's directory). */
    private static Path shippedPrompts() {
        return Path.of("..", "prompt.yml");
    }

    @Override
    public void close() {
        world.close();
    }
}
