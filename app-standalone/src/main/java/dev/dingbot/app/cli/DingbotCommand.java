package dev.dingbot.app.cli;

import dev.dingbot.app.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code dingbot}: without a subcommand it runs the bot. */
@Command(name = "dingbot", mixinStandardHelpOptions = true, versionProvider = DingbotCommand.VersionProvider.class,
        usageHelpAutoWidth = true,
        header = "An LLM in your DingTalk group and private chats.",
        description = {
            "",
            "dingbot answers DingTalk messages with an LLM: OpenAI, Azure OpenAI or any",
            "OpenAI-compatible server. It keeps the commands and configuration keys of",
            "chatgpt-dingtalk, answers every question exactly once, survives restarts and",
            "can stream answers into AI cards.",
            "",
            "Getting started:",
            "  1. dingbot init      write config.yml and prompt.yml into this directory",
            "  2. edit config.yml   fill in api_key, and client_id / client_secret under",
            "                       credentials (your DingTalk app's AppKey / AppSecret)",
            "  3. dingbot check     show the effective configuration, test connections",
            "  4. dingbot run       start the bot (also what plain `dingbot` does)",
            ""},
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions (also accepted after the command name):%n",
        footerHeading = "%n",
        footer = {
            "Configuration:",
            "  Values come from, lowest first: built-in defaults, config.yml, environment",
            "  variables, options. Every key has an environment variable, with the names",
            "  chatgpt-dingtalk used (APIKEY, RUN_MODE, MODEL, ALLOW_USERS=a,b,",
            "  DINGTALK_CREDENTIALS=id:secret,...); config.example.yml documents them all.",
            "  An environment variable set to the empty string is ignored.",
            "  Secrets are never printed or logged.",
            "",
            "Files:",
            "  config.yml   the configuration (see --config)",
            "  prompt.yml   prompt templates (#周报, #解释代码, ...), next to config.yml",
            "  data/        state: conversations, quotas, pending messages, images, links",
            "",
            "HTTP (server.port, default 8090):",
            "  /healthz  /readyz  /metrics (Prometheus)  POST /callback (run_mode: http)",
            "  /history/<token>  /download/<token>  /images/<id>  (set service_url)",
            "",
            "Exit codes:",
            "  0 done    1 failed while running    2 bad configuration or command line",
        })
public final class DingbotCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final CliContext ctx;

    public DingbotCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        return new RunCommand(ctx, this).call();
    }

    /** Builds the command line with every subcommand, output wired to the context's streams. */
    public static CommandLine commandLine(CliContext ctx) {
        DingbotCommand top = new DingbotCommand(ctx);
        CommandLine cl = new CommandLine(top)
                .addSubcommand(new RunCommand(ctx, top))
                .addSubcommand(new ChatCommand(ctx, top))
                .addSubcommand(new CheckCommand(ctx, top))
                .addSubcommand(new InitCommand(ctx))
                .addSubcommand(new VersionCommand(ctx))
                .addSubcommand(new CommandLine.HelpCommand());
        cl.setOut(new java.io.PrintWriter(ctx.out(), true));
        cl.setErr(new java.io.PrintWriter(ctx.err(), true));
        cl.setParameterExceptionHandler(DingbotCommand::shortUsage);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            ctx.err().println("dingbot: " + commandLine.getCommandName() + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 1;
        });
        return cl;
    }

    /** A usage error gets the problem, the command's synopsis and where the manual is; not the whole manual. */
    private static int shortUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        java.io.PrintWriter err = command.getErr();
        err.println("dingbot: " + e.getMessage());
        err.print("Usage: " + command.getHelp().synopsis(0));
        err.println("See `" + command.getCommandSpec().qualifiedName() + " --help` for the options.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    ConfigOptions options() {
        return options;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dingbot " + Version.current(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
