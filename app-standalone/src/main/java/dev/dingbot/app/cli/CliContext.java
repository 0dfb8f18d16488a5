package dev.dingbot.app.cli;

import dev.dingbot.app.Launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** What the commands work with, passed in so tests can give their own. */
public record CliContext(Launcher launcher, Map<String, String> env, Path workingDir, InputStream in,
                         PrintStream out, PrintStream err) {

    public CliContext {
        env = Map.copyOf(env);
    }
}
