package dev.dingbot.app.cli;

import dev.dingbot.app.config.ConfigLoader;
import dev.dingbot.app.Logging;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Talks to the bot from this terminal, without DingTalk: every line you type is handled like "
                + "a private message (commands such as 帮助, 串聊, #周报 work too). End with Ctrl-D.",
            "Useful to try the model settings and prompt templates before connecting DingTalk."})
final class ChatCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final CliContext ctx;
    private final DingbotCommand top;

    ChatCommand(CliContext ctx, DingbotCommand top) {
        this.ctx = ctx;
        this.top = top;
    }

    @Override
    public Integer call() {
        return ConfigStep.load(options.orElse(top.options()), ctx, ConfigLoader.Use.CONSOLE)
                .map(config -> {
                    // Info lines would land between the questions and the answers; debug and trace are asked for.
                    if (config.logLevel().equals("info")) Logging.apply("warn");
                    return ctx.launcher().chat(config, ctx.in(), ctx.out());
                })
                .orElse(ConfigStep.CONFIG_ERROR);
    }
}
