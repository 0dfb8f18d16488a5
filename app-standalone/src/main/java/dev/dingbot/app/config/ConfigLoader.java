package dev.dingbot.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.settings.QuotaSettings;
import dev.dingbot.dingtalk.DingTalkSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link AppConfig}. Precedence: defaults &lt; {@code config.yml} &lt; env &lt; flags. Env names are
 * the original's; an env var set to the empty string is ignored (it never blanks out a file value). Every
 * problem is collected and thrown together.
 */
public final class ConfigLoader {

    public static final String DEFAULT_FILE = "config.yml";
    public static final String DEFAULT_PROMPT_FILE = "prompt.yml";

    /** What the configuration is loaded for: what it must hold depends on it. */
    public enum Use {
        /** run and check: connect to DingTalk, so an app (Stream) or a callback secret (HTTP) is needed */
        CONNECT,
        /** chat: the console stands in for DingTalk, so nothing of DingTalk is needed yet */
        CONSOLE
    }

    private ConfigLoader() {
    }

    /** Loads the configuration to connect to DingTalk with ({@link Use#CONNECT}). */
    public static AppConfig load(Path file, Map<String, String> env, Map<String, String> flags, Path workingDir)
            throws ConfigException {
        return load(file, env, flags, workingDir, Use.CONNECT);
    }

    /**
     * @param file       the config file; null for an env-only start (the Docker way)
     * @param env        the environment, usually {@code System.getenv()}
     * @param flags      command-line values by config key ({@code storage.data_dir}, {@code server.port},
     *                   {@code log_level})
     * @param workingDir where relative paths given as flags are taken from, and all of them when there is no
     *                   config file; with a file, relative {@code prompt_file} and {@code storage.data_dir} from
     *                   the file or env are next to it
     * @param use        what it is loaded for
     */
    public static AppConfig load(Path file, Map<String, String> env, Map<String, String> flags, Path workingDir,
                                 Use use) throws ConfigException {
        List<ConfigProblem> fileProblems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode root = file == null ? null : readFile(file, fileProblems, warnings);
        if (!fileProblems.isEmpty()) throw new ConfigException(fileProblems);
        ConfigReader r = new ConfigReader(root, env, flags);
        if (root != null) warnings.addAll(UnknownKeys.find(root));
        Path base = file == null ? workingDir : file.toAbsolutePath().getParent();
        AppConfig config = read(r, new Paths(base, workingDir), use, warnings);
        if (!r.problems().isEmpty()) throw new ConfigException(r.problems());
        return config;
    }

    /** Whether the environment alone configures the bot, so a missing config file is not an error. */
    public static boolean environmentConfigures(Map<String, String> env) {
        return ConfigKeys.anyEnvSet(env);
    }

    private static JsonNode readFile(Path file, List<ConfigProblem> problems, List<String> warnings) {
        if (!Files.exists(file)) {
            problems.add(new ConfigProblem("config file", file.toString(),
                    "not found: run `dingbot init` to write a starter config.yml, or pass --config <path>"));
            return null;
        }
        return YamlFile.read(file, "config file", "remove it and put your config.yml in its place (with Docker, "
                + "create the file on the host before the container starts)", problems).map(document -> {
            warnings.addAll(document.duplicateKeys());
            JsonNode root = document.root();
            if (root == null || root.isMissingNode() || root.isNull()) return null;
            if (!root.isObject()) {
                problems.add(new ConfigProblem("config file", file.toString(), "must be a YAML map of key: value"));
                return null;
            }
            return root;
        }).orElse(null);
    }

    /**
     * Where relative paths are taken from: in the file or env, the config file's directory (the working directory
     * without a file); on the command line, the working directory, as for any path typed there.
     */
    private record Paths(Path configDir, Path workingDir) {
        Path resolve(ConfigReader r, String key, String def) {
            boolean typed = r.raw(key).map(ConfigReader.Raw::fromFlag).orElse(false);
            return (typed ? workingDir : configDir).resolve(r.text(key, def).trim()).normalize();
        }
    }

    private static AppConfig read(ConfigReader r, Paths paths, Use use, List<String> warnings) {
        String logLevel = r.choice("log_level", "info", "trace", "debug", "info", "warn", "error");
        int problemsBefore = r.problems().size();
        AppConfig.RunMode runMode = AppConfig.RunMode.valueOf(
                r.choice("run_mode", "http", "stream", "http").toUpperCase(Locale.ROOT));
        // A run_mode that is not one of the two is reported; what either mode needs would only add noise.
        if (r.problems().size() > problemsBefore) use = Use.CONSOLE;

        AppConfig.Azure azure = new AppConfig.Azure(r.bool("azure_on", false),
                r.text("azure_api_version", "").trim(), r.text("azure_resource_name", "").trim(),
                r.text("azure_deployment_name", "").trim(), r.secret("azure_openai_token"));
        AppConfig.Llm llm = new AppConfig.Llm(r.secret("api_key"), r.url("base_url", ""),
                r.text("model", "gpt-3.5-turbo").trim(), r.text("image_model", "").trim(),
                r.parsed("image_size", "1024x1024", s -> s.matches("\\d{2,5}x\\d{2,5}|auto") ? s : null,
                        "must be WIDTHxHEIGHT like 1024x1024, or auto"),
                r.url("http_proxy", "", "http", "https", "socks5"), r.list("no_proxy"),
                r.duration("openai.connect_timeout", Duration.ofSeconds(10), false),
                r.duration("openai.read_timeout", Duration.ofSeconds(60), false),
                r.duration("openai.deadline", Duration.ofMinutes(5), false),
                r.integer("openai.max_retries", 2, 0), azure);
        checkProvider(r, llm);

        AppConfig.Chat chat = new AppConfig.Chat(
                r.duration("session_timeout", Duration.ofSeconds(600), true),
                r.integer("max_question_len", 4096, 1), r.integer("max_answer_len", 4096, 1),
                r.integer("max_text", 4096, 1), r.choice("default_mode", "单聊", "单聊", "串聊"),
                multiline(r, "system_prompt"), r.integer("max_request", 0, 0),
                r.parsed("quota.zone", QuotaSettings.DEFAULT_ZONE, ConfigLoader::zone,
                        "must be a time zone id such as Asia/Shanghai or UTC"),
                r.integer("quota.model_calls_per_minute", 10, 0),
                r.list("sensitive_words"), help(r), r.bool("stream_mode", false),
                r.integer("reply.max_chars", 4000, 200));
        if (chat.maxAnswerLen() > chat.maxText()) {
            warnings.add("max_answer_len (" + chat.maxAnswerLen() + ") is above max_text (" + chat.maxText()
                    + "): question and answer must fit into max_text together; lower max_answer_len or raise max_text");
        }

        AppConfig.Access access = new AppConfig.Access(r.choice("chat_type", "0", "0", "1", "2"),
                r.set("allow_groups"), r.set("allow_outgoing_groups"), r.set("allow_users"), r.set("deny_users"),
                r.set("vip_users"), r.set("admin_users"), r.list("app_secrets").stream().map(Secret::of).toList());

        AppConfig.DingTalk dingtalk = new AppConfig.DingTalk(Credentials.read(r),
                r.url("dingtalk.api_host", DingTalkSettings.DEFAULT_API_HOST),
                r.url("dingtalk.oapi_host", DingTalkSettings.DEFAULT_OAPI_HOST),
                r.text("card_template_id", "").trim(),
                r.duration("dingtalk.card_update_interval", Duration.ofMillis(500), false),
                r.bool("dingtalk.allow_unsigned_callbacks", false));
        if (use == Use.CONNECT) checkDingTalk(r, runMode, dingtalk, access, warnings);

        AppConfig.Server server = new AppConfig.Server(r.text("server.host", "").trim(), portOf(r),
                r.url("service_url", ""),
                r.duration("history_link_ttl", Duration.ofHours(24), false),
                r.duration("image_link_ttl", Duration.ofDays(7), false));
        AppConfig.Storage storage = new AppConfig.Storage(
                paths.resolve(r, "storage.data_dir", "data"),
                AppConfig.Fsync.valueOf(r.choice("storage.fsync", "batch", "always", "batch", "never")
                        .toUpperCase(Locale.ROOT)));
        AppConfig.LaneLimits lanes = new AppConfig.LaneLimits(r.integer("lanes.workers", 64, 1),
                r.integer("lanes.max_queued", 2000, 0), r.integer("lanes.max_queued_per_sender", 5, 1));

        for (String key : Placeholders.keys(llm, server, dingtalk)) {
            warnings.add(key + " still holds the example's placeholder: put your own value there");
        }
        Path promptFile = paths.resolve(r, "prompt_file", DEFAULT_PROMPT_FILE);
        PromptFile.Prompts prompts = PromptFile.load(promptFile, r.raw("prompt_file").isPresent(), r);
        return new AppConfig(logLevel, runMode, llm, chat, access, dingtalk, server, storage, lanes,
                r.bool("ops.allow_private_targets", false),
                r.duration("shutdown_grace", Duration.ofSeconds(20), true), Prices.read(r),
                prompts.templates(), prompts.source(), warnings);
    }

    /** What connecting to DingTalk needs: an app to connect as (Stream), a secret to verify callbacks by (HTTP). */
    private static void checkDingTalk(ConfigReader r, AppConfig.RunMode runMode, AppConfig.DingTalk dingtalk,
                                      AppConfig.Access access, List<String> warnings) {
        if (runMode == AppConfig.RunMode.STREAM && dingtalk.credentials().isEmpty()) {
            r.problem("credentials (env DINGTALK_CREDENTIALS)", "", "stream mode needs at least one DingTalk app: "
                    + "add client_id and client_secret under credentials");
        }
        if (runMode != AppConfig.RunMode.HTTP) return;
        if (dingtalk.unsignedCallbacksAccepted()) {
            warnings.add("dingtalk.allow_unsigned_callbacks is true: callbacks without a signature are taken, so "
                    + "anyone who reaches the port can post as anyone, admins included; set it to false once "
                    + "credentials or app_secrets are set");
        } else if (dingtalk.credentials().isEmpty() && access.appSecrets().isEmpty()) {
            r.problem("credentials (env DINGTALK_CREDENTIALS)", "", "http mode needs a secret to verify DingTalk's "
                    + "callbacks by: add client_id and client_secret under credentials (or the original's "
                    + "app_secrets); to take unsigned callbacks at your own risk, set "
                    + "dingtalk.allow_unsigned_callbacks: true");
        }
    }

    private static void checkProvider(ConfigReader r, AppConfig.Llm llm) {
        AppConfig.Azure az = llm.azure();
        if (!az.on()) {
            if (llm.apiKey().isEmpty()) {
                r.problem("api_key (env APIKEY)", "", "api key required: set api_key, or azure_on: true with the "
                        + "azure_* keys");
            }
            return;
        }
        String[][] required = {{"azure_resource_name", az.resourceName()}, {"azure_deployment_name",
                az.deploymentName()}, {"azure_api_version", az.apiVersion()}};
        for (String[] key : required) {
            if (key[1].isEmpty()) {
                r.problem(key[0] + " (env " + ConfigKeys.envName(key[0]) + ")", "", "required when azure_on is true");
            }
        }
        if (az.token().isEmpty()) {
            r.problem("azure_openai_token (env AZURE_OPENAI_TOKEN)", "", "required when azure_on is true");
        }
    }

    /** {@code server.port} wins over the original's {@code port} within the same source. */
    private static int portOf(ConfigReader r) {
        return r.raw("server.port", "port").map(raw -> {
            try {
                int p = Integer.parseInt(raw.text().trim());
                if (p >= 1 && p <= 65535) return p;
            } catch (NumberFormatException e) {
                // reported below
            }
            r.problem(raw.label(), raw.text(), "must be a port number from 1 to 65535");
            return 8090;
        }).orElse(8090);
    }

    /** Env values may spell newlines as {@code \n}, since a shell variable cannot easily hold them. */
    private static String multiline(ConfigReader r, String key) {
        return r.raw(key).map(raw -> raw.fromFile() ? r.text(key, "") : raw.text().replace("\\n", "\n"))
                .orElse("");
    }

    /** Without a configured help text, the shipped one. */
    private static String help(ConfigReader r) {
        String help = multiline(r, "help");
        return help.isBlank() ? DefaultHelp.text() : help;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
