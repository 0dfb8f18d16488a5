package dev.dingbot.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Reads the configuration, prints the effective values (secrets as ***) and any warnings, "
                + "then checks the connections: the model answers, the DingTalk credentials are accepted, the "
                + "data directory is writable. Exits 0 when everything is fine."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final CliContext ctx;
    private final DingbotCommand top;

    CheckCommand(CliContext ctx, DingbotCommand top) {
        this.ctx = ctx;
        this.top = top;
    }

    @Override
    public Integer call() {
        return ConfigStep.load(options.orElse(top.options()), ctx).map(config -> {
            ctx.out().println("Effective configuration:");
            config.describe().lines().forEach(line -> ctx.out().println("  " + line));
            ctx.out().println();
            return ctx.launcher().check(config, ctx.out());
        }).orElse(ConfigStep.CONFIG_ERROR);
    }
}
