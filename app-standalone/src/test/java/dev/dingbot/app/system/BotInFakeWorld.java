package dev.dingbot.app.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A test that runs the real main as a child process ({@link #bot}) in a data dir of its own, against the fakes. */
public abstract class BotInFakeWorld {

    @TempDir
    protected Path dir;
    protected final FakeWorld world = new FakeWorld();
    protected BotProcess bot;

    @AfterEach
    void stopBotAndWorld() {
        if (bot != null) bot.close();
        world.close();
    }
}
