package dev.dingbot.app;

import dev.dingbot.app.config.AppConfig;

import java.io.InputStream;
import java.io.PrintStream;

/** Stands in for the composition root until the adapters are wired; says so instead of pretending to work. */
final class NotWiredLauncher implements Launcher {

    private static final String MESSAGE = "dingbot: this build has no adapters wired yet; nothing to %s.";

    @Override
    public int run(AppConfig config) {
        System.err.println(MESSAGE.formatted("run"));
        return 1;
    }

    @Override
    public int chat(AppConfig config, InputStream in, PrintStream out) {
        out.println(MESSAGE.formatted("chat with"));
        return 1;
    }

    @Override
    public int check(AppConfig config, PrintStream out) {
        out.println(MESSAGE.formatted("check beyond the configuration"));
        return 0;
    }
}
