package dev.dingbot.app.cli;

import dev.dingbot.app.Version;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the version of dingbot and of the Java runtime.")
final class VersionCommand implements Callable<Integer> {

    private final CliContext ctx;

    VersionCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        for (String line : new DingbotCommand.VersionProvider().getVersion()) ctx.out().println(line);
        return 0;
    }
}
