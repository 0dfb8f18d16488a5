package dev.dingbot.app;

import dev.dingbot.app.cli.CliContext;
import dev.dingbot.app.cli.DingbotCommand;
import dev.dingbot.app.wiring.StandaloneLauncher;
import picocli.CommandLine;

import java.nio.file.Path;

/** The {@code dingbot} executable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(new StandaloneLauncher()).execute(args));
    }

    /** The command line over the real process: its env, working directory and standard streams. */
    public static CommandLine commandLine(Launcher launcher) {
        return DingbotCommand.commandLine(new CliContext(launcher, System.getenv(), Path.of("").toAbsolutePath(),
                System.in, System.out, System.err));
    }
}
