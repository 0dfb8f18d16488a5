package dev.dingbot.app;

import dev.dingbot.app.cli.CliContext;
import dev.dingbot.app.cli.DingbotCommand;
import dev.dingbot.app.wiring.StandaloneLauncher;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** The {@code dingbot} executable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.setOut(Utf8Console.stream(FileDescriptor.out));
        System.setErr(Utf8Console.stream(FileDescriptor.err));
        System.exit(commandLine(new StandaloneLauncher()).execute(args));
    }

    /** The command line over the real process: its env, working directory and standard streams. */
    public static CommandLine commandLine(Launcher launcher) {
        return DingbotCommand.commandLine(new CliContext(launcher, environment(System.err),
                Path.of("").toAbsolutePath(), System.in, System.out, System.err));
    }

    private static Map<String, String> environment(PrintStream err) {
        return Utf8Console.environmentOrWarn(Utf8Console.environment(), err);
    }
}
