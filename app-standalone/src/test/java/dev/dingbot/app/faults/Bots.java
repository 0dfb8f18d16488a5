package dev.dingbot.app.faults;

import dev.dingbot.app.system.BotProcess;
import dev.dingbot.app.system.FakeWorld;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Starting the real main against a {@link FakeWorld}, and waiting until it is ready. */
final class Bots {

    private Bots() {
    }

    /** Starts {@code dingbot run} on the config in {@code dir} and waits for its ready line. */
    static BotProcess run(Path dir) throws IOException, InterruptedException {
        BotProcess bot = BotProcess.start(dir, "run", "--config", dir.resolve("config.yml").toString());
        bot.awaitOutput("dingbot ready", Duration.ofSeconds(60));
        return bot;
    }

    /** Starts a Stream-mode bot and waits until its connection to the fake gateway is open. */
    static BotProcess runStream(FakeWorld world, Path dir) throws IOException, InterruptedException {
        int before = world.gateway.connectionsOpened();
        BotProcess bot = run(dir);
        if (!world.gateway.awaitConnections(before + 1, Duration.ofSeconds(20))) {
            throw new AssertionError("no stream connection:\n" + bot.output());
        }
        return bot;
    }
}
