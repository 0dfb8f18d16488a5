package dev.dingbot.app.cli;

import dev.dingbot.app.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Starts the bot and keeps it running until stopped (SIGTERM or Ctrl-C), then finishes the "
                + "answers in flight (shutdown_grace) and exits.",
            "In run_mode stream it holds one connection per DingTalk app; in run_mode http DingTalk posts "
                    + "messages to POST /callback."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final CliContext ctx;
    private final DingbotCommand top;

    RunCommand(CliContext ctx, DingbotCommand top) {
        this.ctx = ctx;
        this.top = top;
    }

    @Override
    public Integer call() {
        return ConfigStep.load(options.orElse(top.options()), ctx, ConfigLoader.Use.CONNECT)
                .map(config -> ctx.launcher().run(config))
                .orElse(ConfigStep.CONFIG_ERROR);
    }
}
