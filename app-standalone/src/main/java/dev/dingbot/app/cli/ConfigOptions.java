package dev.dingbot.app.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options that feed the configuration; they beat the file and env. */
final class ConfigOptions {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration file (default: ./config.yml). Without this option, a missing "
                    + "./config.yml is fine when the environment configures the bot (APIKEY, AZURE_OPENAI_TOKEN "
                    + "or DINGTALK_CREDENTIALS set).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where state is kept (storage.data_dir).")
    String dataDir;

    @Option(names = "--port", paramLabel = "PORT", description = "The HTTP port (server.port).")
    String port;

    @Option(names = "--log-level", paramLabel = "LEVEL", description = "trace, debug, info, warn or error (log_level).")
    String logLevel;

    /** This command's values, falling back to those given before the subcommand name. */
    ConfigOptions orElse(ConfigOptions outer) {
        if (outer == null) return this;
        ConfigOptions o = new ConfigOptions();
        o.config = config != null ? config : outer.config;
        o.dataDir = dataDir != null ? dataDir : outer.dataDir;
        o.port = port != null ? port : outer.port;
        o.logLevel = logLevel != null ? logLevel : outer.logLevel;
        return o;
    }

    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        if (dataDir != null) flags.put("storage.data_dir", dataDir);
        if (port != null) flags.put("server.port", port);
        if (logLevel != null) flags.put("log_level", logLevel);
        return flags;
    }
}
