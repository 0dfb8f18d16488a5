package dev.dingbot.app.cli;

import dev.dingbot.app.config.ConfigLoader;
import dev.dingbot.app.Logging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Reads the configuration, prints the effective values (secrets as ***) and any warnings, "
                + "then checks the connections: the model answers, the DingTalk credentials are accepted, the "
                + "data directory is writable. It changes nothing, sends no placeholder value anywhere and logs "
                + "nothing while it checks. Exits 0 when everything is fine."})
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
        return ConfigStep.load(options.orElse(top.options()), ctx, ConfigLoader.Use.CONNECT).map(config -> {
            ctx.out().println("Effective configuration:");
            config.describe().lines().forEach(line -> ctx.out().println("  " + line));
            ctx.out().println();
            // The report says what went wrong; log lines of the probes would only break it up.
            Logging.apply("off");
            return ctx.launcher().check(config, ctx.out());
        }).orElse(ConfigStep.CONFIG_ERROR);
    }
}
