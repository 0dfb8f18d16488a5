package dev.dingbot.app;

import dev.dingbot.app.cli.CliContext;
import dev.dingbot.app.cli.DingbotCommand;
import dev.dingbot.app.wiring.StandaloneLauncher;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
        Optional<Map<String, String>> utf8 = Utf8Console.environment();
        if (utf8.isEmpty()) {
            err.println("warning: the locale's charset is " + Utf8Console.platformCharset() + ", not UTF-8: Chinese "
                    + "in environment variables may be unreadable; set LANG=C.UTF-8 (or another UTF-8 locale)");
        }
        return utf8.orElseGet(System::getenv);
    }
}
