package dev.dingbot.app;

import dev.dingbot.app.config.AppConfig;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * What the commands do once the configuration is loaded and valid: the composition root that builds the
 * adapters and the bot. Each method returns the process exit code (0 ok, 1 failure, {@link #CONFIGURATION_ERROR}).
 */
public interface Launcher {

    /** The exit code when the configuration is wrong, also when DingTalk rejected every app's credentials. */
    int CONFIGURATION_ERROR = 2;

    /** Runs the bot until it is told to stop (SIGTERM/SIGINT), then shuts down gracefully. */
    int run(AppConfig config);

    /** Talks to the bot from a terminal: each line read is a question, answers are printed. */
    int chat(AppConfig config, InputStream in, PrintStream out);

    /** Checks what can be checked without serving: model reachable, DingTalk credentials valid, data dir writable. */
    int check(AppConfig config, PrintStream out);
}
