package dev.dingbot.app.cli;

import dev.dingbot.app.Logging;
import dev.dingbot.app.config.AppConfig;
import dev.dingbot.app.config.ConfigException;
import dev.dingbot.app.config.ConfigLoader;
import dev.dingbot.app.config.ConfigProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the configuration for run, chat and check, and explains every problem in plain words. */
final class ConfigStep {

    static final int CONFIG_ERROR = 2;

    private ConfigStep() {
    }

    /** The configuration, or empty after printing why not (exit with {@link #CONFIG_ERROR}). */
    static Optional<AppConfig> load(ConfigOptions options, CliContext ctx, ConfigLoader.Use use) {
        Path file = options.config == null ? null : ctx.workingDir().resolve(options.config);
        if (file == null) {
            Path standard = ctx.workingDir().resolve(ConfigLoader.DEFAULT_FILE);
            if (Files.exists(standard)) {
                file = standard;
            } else if (!ConfigLoader.environmentConfigures(ctx.env())) {
                ctx.err().println(missingFile(standard));
                return Optional.empty();
            }
        } else if (!Files.exists(file)) {
            ctx.err().println(missingFile(file));
            return Optional.empty();
        }
        try {
            AppConfig config = ConfigLoader.load(file, ctx.env(), options.flags(), ctx.workingDir(), use);
            Logging.apply(config.logLevel());
            config.warnings().forEach(w -> ctx.err().println("warning: " + w));
            return Optional.of(config);
        } catch (ConfigException e) {
            int n = e.problems().size();
            ctx.err().println("dingbot: the configuration " + (file == null ? "from the environment" : file)
                    + " has " + n + (n == 1 ? " problem" : " problems") + ":");
            for (ConfigProblem p : e.problems()) ctx.err().println("  - " + p);
            ctx.err().println("Fix " + (n == 1 ? "it" : "them") + " and start again; `dingbot check` shows the "
                    + "effective configuration.");
            return Optional.empty();
        }
    }

    private static String missingFile(Path file) {
        return "dingbot: no configuration file at " + file.toAbsolutePath().normalize() + "\n"
                + "To start, run `dingbot init` in the directory you will run the bot from: it writes a starter\n"
                + "config.yml and prompt.yml. Then fill in api_key and, under credentials, client_id and\n"
                + "client_secret of your DingTalk app, and run `dingbot run`.\n"
                + "Elsewhere: pass --config <file>. Docker: set APIKEY and DINGTALK_CREDENTIALS=id:secret instead.";
    }
}
